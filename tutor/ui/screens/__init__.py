"""One module per page (course map, lesson) or dialog (hint, solution, confirm, …)."""
