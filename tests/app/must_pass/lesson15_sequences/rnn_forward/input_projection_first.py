"""All input projections in one product before the loop; batch_first read as x[:, t]."""

import torch


def rnn_forward(x: torch.Tensor, W_ih: torch.Tensor, W_hh: torch.Tensor, b_ih: torch.Tensor,
                b_hh: torch.Tensor, h0: torch.Tensor | None = None,
                batch_first: bool = False) -> tuple[torch.Tensor, torch.Tensor]:
    if x.ndim != 3 or W_ih.ndim != 2 or W_hh.ndim != 2:
        raise ValueError("x must be 3-D and the weights 2-D")
    time_dim = 1 if batch_first else 0
    steps, batch, inputs = x.shape[time_dim], x.shape[1 - time_dim], x.shape[2]
    hidden = W_ih.shape[0]
    if W_ih.shape != (hidden, inputs) or W_hh.shape != (hidden, hidden):
        raise ValueError("W_ih must be (H, I) and W_hh (H, H)")
    if b_ih.shape != (hidden,) or b_hh.shape != (hidden,):
        raise ValueError("the biases must be (H,)")
    if h0 is not None and h0.shape != (1, batch, hidden):
        raise ValueError("h0 must be (1, B, H)")
    projected = x @ W_ih.T + (b_ih + b_hh)               # every step's input term at once
    h = torch.zeros(batch, hidden, dtype=x.dtype, device=x.device) if h0 is None else h0[0]
    states = []
    for t in range(steps):
        x_term = projected[:, t] if batch_first else projected[t]
        h = torch.tanh(x_term + h @ W_hh.T)
        states.append(h)
    return torch.stack(states, dim=time_dim), h[None]
