"""A gates dict and a sum over layers; the first layer's input is I, later ones D*H."""

GATES = {"RNN": 1, "GRU": 3, "LSTM": 4}


def recurrent_shapes(mode: str, input_size: int, hidden_size: int, seq_len: int, batch: int,
                     num_layers: int = 1, bidirectional: bool = False,
                     batch_first: bool = False) -> dict[str, tuple[int, ...] | int | None]:
    if mode not in GATES:
        raise ValueError(f"mode must be RNN, GRU or LSTM, not {mode!r}")
    if min(input_size, hidden_size, seq_len, batch, num_layers) < 1:
        raise ValueError("sizes must be >= 1")
    D, H, G = 2 if bidirectional else 1, hidden_size, GATES[mode]
    total = 0
    for layer in range(num_layers):
        layer_in = input_size if layer == 0 else D * H
        total += D * (G * H * layer_in + G * H * H + 2 * G * H)
    h_n = (num_layers * D, batch, H)
    output = (batch, seq_len, D * H) if batch_first else (seq_len, batch, D * H)
    return {"output": output, "h_n": h_n, "c_n": h_n if mode == "LSTM" else None,
            "num_parameters": total}
