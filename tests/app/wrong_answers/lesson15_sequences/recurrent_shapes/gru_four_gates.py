"""Mistake: counts four gates for a GRU, like an LSTM (a GRU has three: r, z, n)."""

GATES = {"RNN": 1, "GRU": 4, "LSTM": 4}


def recurrent_shapes(mode: str, input_size: int, hidden_size: int, seq_len: int, batch: int,
                     num_layers: int = 1, bidirectional: bool = False,
                     batch_first: bool = False) -> dict[str, tuple[int, ...] | int | None]:
    """output / h_n / c_n shapes and the parameter count, worked out from the sizes."""
    if mode not in GATES:
        raise ValueError(f"mode must be one of {sorted(GATES)}, got {mode!r}")
    sizes = {"input_size": input_size, "hidden_size": hidden_size, "seq_len": seq_len,
             "batch": batch, "num_layers": num_layers}
    for name, value in sizes.items():
        if value < 1:
            raise ValueError(f"{name} must be at least 1, got {value}")
    directions = 2 if bidirectional else 1
    output = ((batch, seq_len, directions * hidden_size) if batch_first
              else (seq_len, batch, directions * hidden_size))
    state = (num_layers * directions, batch, hidden_size)    # never batch-first
    rows = GATES[mode] * hidden_size                          # the gates are stacked row-wise
    count = 0
    for layer in range(num_layers):
        layer_input = input_size if layer == 0 else directions * hidden_size
        per_direction = rows * layer_input + rows * hidden_size + 2 * rows  # W_ih, W_hh, b_ih, b_hh
        count += directions * per_direction
    return {"output": output, "h_n": state, "c_n": state if mode == "LSTM" else None,
            "num_parameters": count}
