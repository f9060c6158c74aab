"""Lesson 15, exercise 3: the shapes and parameter count of nn.RNN, nn.GRU and nn.LSTM."""


def recurrent_shapes(mode: str, input_size: int, hidden_size: int, seq_len: int, batch: int,
                     num_layers: int = 1, bidirectional: bool = False,
                     batch_first: bool = False) -> dict[str, tuple[int, ...] | int | None]:
    """What ``nn.<mode>(input_size, hidden_size, num_layers, ...)`` returns, worked out by hand.

    Args:
        mode: "RNN", "GRU" or "LSTM".
        input_size, hidden_size: I and H of the layer.
        seq_len, batch: T and B of the input it is run on.
        num_layers: stacked layers (L).
        bidirectional: D = 2 directions if True, else D = 1.
        batch_first: whether the input and output put the batch first.

    Returns:
        A dict with exactly these keys:
        "output": the output's shape, (T, B, D*H), or (B, T, D*H) when batch_first;
        "h_n": the final hidden state's shape, (L*D, B, H), batch_first or not;
        "c_n": the final cell state's shape for an LSTM (as h_n), None for RNN and GRU;
        "num_parameters": sum(p.numel() for p in layer.parameters()).

    Raises:
        ValueError: mode is not one of the three, or a size (input_size, hidden_size,
            seq_len, batch, num_layers) is below 1.

    Rules: plain arithmetic: no layer built, no tensors made.

    Example:
        >>> shapes = recurrent_shapes("LSTM", 100, 20, seq_len=10, batch=3, num_layers=4)
        >>> shapes["output"], shapes["h_n"], shapes["c_n"]
        ((10, 3, 20), (4, 3, 20), (4, 3, 20))
    """
    # TODO: validate, then build the three shapes and count the parameters layer by layer
    # (gates stacked row-wise: 1 for RNN, 3 for GRU, 4 for LSTM; two biases per direction).
    raise NotImplementedError("recurrent_shapes: not written yet")
