"""torch.addmm per step, states in a list, torch.stack; batch_first via movedim."""

import torch


def rnn_forward(x: torch.Tensor, W_ih: torch.Tensor, W_hh: torch.Tensor, b_ih: torch.Tensor,
                b_hh: torch.Tensor, h0: torch.Tensor | None = None,
                batch_first: bool = False) -> tuple[torch.Tensor, torch.Tensor]:
    if x.dim() != 3:
        raise ValueError("x must be 3-D")
    xs = x.movedim(1, 0) if batch_first else x                  # (T, B, I)
    T, B, n_in = xs.shape
    H = W_hh.shape[0]
    if W_hh.shape != (H, H) or W_ih.shape != (H, n_in):
        raise ValueError("W_ih must be (H, I) and W_hh (H, H)")
    if b_ih.shape != (H,) or b_hh.shape != (H,):
        raise ValueError("the biases must be (H,)")
    if h0 is not None and h0.shape != (1, B, H):
        raise ValueError("h0 must be (1, B, H)")
    h = x.new_zeros(B, H) if h0 is None else h0[0]
    bias = b_ih + b_hh
    states = []
    for t in range(T):
        h = torch.tanh(torch.addmm(bias, xs[t], W_ih.T) + h @ W_hh.T)
        states.append(h)
    output = torch.stack(states)
    if batch_first:
        output = output.movedim(0, 1)
    return output, h.unsqueeze(0)
