"""Wrong: makes a batch-first x time-major with transpose_, which reshapes the caller's tensor."""

import torch


def rnn_forward(x: torch.Tensor, W_ih: torch.Tensor, W_hh: torch.Tensor, b_ih: torch.Tensor,
                b_hh: torch.Tensor, h0: torch.Tensor | None = None,
                batch_first: bool = False) -> tuple[torch.Tensor, torch.Tensor]:
    """h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh), as nn.RNN(I, H) computes it."""
    if x.dim() != 3:
        raise ValueError(f"x must be 3-D, got shape {tuple(x.shape)}")
    if batch_first:
        x.transpose_(0, 1)                       # work time-major: (T, B, I)
    steps, batch, inputs = x.shape
    hidden = W_hh.shape[0]
    expected = {"W_ih": (W_ih, (hidden, inputs)), "W_hh": (W_hh, (hidden, hidden)),
                "b_ih": (b_ih, (hidden,)), "b_hh": (b_hh, (hidden,))}
    if h0 is not None:
        expected["h0"] = (h0, (1, batch, hidden))
    for name, (tensor, shape) in expected.items():
        if tuple(tensor.shape) != shape:
            raise ValueError(f"{name} must have shape {shape}, got {tuple(tensor.shape)}")
    h = x.new_zeros(batch, hidden) if h0 is None else h0[0]
    outputs = []
    for t in range(steps):                          # the recurrence: one step after another
        h = torch.tanh(x[t] @ W_ih.T + b_ih + h @ W_hh.T + b_hh)
        outputs.append(h)
    output = torch.stack(outputs)                   # (T, B, H)
    if batch_first:
        output = output.transpose(0, 1)
    return output, h.unsqueeze(0)
