"""One module per CLI command family; ``tutor.cli`` only parses arguments."""
