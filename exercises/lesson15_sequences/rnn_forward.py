"""Lesson 15, exercise 2: a one-layer tanh RNN written by hand."""

import torch


def rnn_forward(x: torch.Tensor, W_ih: torch.Tensor, W_hh: torch.Tensor, b_ih: torch.Tensor,
                b_hh: torch.Tensor, h0: torch.Tensor | None = None,
                batch_first: bool = False) -> tuple[torch.Tensor, torch.Tensor]:
    """Run one tanh RNN layer over a sequence, as ``nn.RNN(I, H)`` with these weights does.

    At each step t: ``h_t = tanh(x_t @ W_ih.T + b_ih + h_{t-1} @ W_hh.T + b_hh)``.

    Args:
        x: shape (T, B, I) (time-major), or (B, T, I) when batch_first is True.
        W_ih: shape (H, I), nn.RNN's weight_ih_l0 (stored (out, in), like nn.Linear).
        W_hh: shape (H, H), weight_hh_l0.
        b_ih: shape (H,), bias_ih_l0.
        b_hh: shape (H,), bias_hh_l0.
        h0: shape (1, B, H), the starting state; None means zeros (x's dtype and device).
        batch_first: whether x and output have the batch first.

    Returns:
        (output, h_n): output (T, B, H) (or (B, T, H) when batch_first) holds every h_t;
        h_n (1, B, H) is the last one, whatever batch_first says. Both keep x's dtype and
        device and stay in the autograd graph. No argument is modified.

    Raises:
        ValueError: x is not 3-D, or W_ih, W_hh, b_ih, b_hh or h0 has the wrong shape
            (H is W_hh's size, I and B come from x).

    Rules: no nn.RNN / torch.rnn_tanh (or GRU/LSTM kernels). A Python loop over the time
    steps is expected (the recurrence needs it); each step handles the whole batch at once.

    Example:
        >>> x = torch.tensor([[[1.0]], [[2.0]]])            # T=2, B=1, I=1
        >>> out, h_n = rnn_forward(x, torch.tensor([[0.5]]), torch.tensor([[-1.0]]),
        ...                        torch.tensor([0.1]), torch.tensor([0.2]))
        >>> out.shape, h_n.shape                             # h1 = tanh(0.8) = 0.6640
        (torch.Size([2, 1, 1]), torch.Size([1, 1, 1]))
    """
    # TODO: check the shapes, start from h0[0] (or zeros like x), loop over the time steps,
    # stack the states into output, and return (output, h_n).
    raise NotImplementedError("rnn_forward: not written yet")
