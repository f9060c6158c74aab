"""The parameter count in closed form (first layer plus the identical deeper ones), no loop."""

GATES = {"RNN": 1, "GRU": 3, "LSTM": 4}


def recurrent_shapes(mode: str, input_size: int, hidden_size: int, seq_len: int, batch: int,
                     num_layers: int = 1, bidirectional: bool = False,
                     batch_first: bool = False) -> dict[str, tuple[int, ...] | int | None]:
    if mode not in GATES:
        raise ValueError(f"unknown mode {mode!r}")
    if min(input_size, hidden_size, seq_len, batch, num_layers) < 1:
        raise ValueError("every size must be at least 1")
    D, H, G = 1 + int(bidirectional), hidden_size, GATES[mode]
    per_layer = lambda width: D * G * H * (width + H + 2)          # noqa: E731
    count = per_layer(input_size) + (num_layers - 1) * per_layer(D * H)
    outputs = (seq_len, batch, D * H)
    h_n = (num_layers * D, batch, H)
    return {"output": (outputs[1], outputs[0], outputs[2]) if batch_first else outputs,
            "h_n": h_n, "c_n": h_n if mode == "LSTM" else None, "num_parameters": count}
