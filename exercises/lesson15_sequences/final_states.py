"""Lesson 15, exercise 4: each padded sequence's final state, read from a recurrent output."""

import torch


def final_states(output: torch.Tensor, lengths: torch.Tensor, bidirectional: bool = False,
                 batch_first: bool = False) -> torch.Tensor:
    """Each sequence's final state, read from the padded output of one recurrent layer.

    Args:
        output: shape (T, B, D*H) (or (B, T, D*H) when batch_first), what
            pad_packed_sequence returns for a one-layer RNN/GRU/LSTM run on a padded
            batch; D = 2 when bidirectional (forward features first, backward last).
        lengths: shape (B,), int64 true lengths in 1 .. T, on any device
            (pad_packed_sequence returns them on the CPU).
        bidirectional: whether output holds two directions.
        batch_first: whether output is (B, T, D*H).

    Returns:
        Shape (B, D*H) with output's dtype, on output's device. Forward features: the
        output at step lengths[b] - 1. Backward features (last H, when bidirectional):
        the output at step 0, where the backward direction finishes. This is what h_n
        holds: h_n[-1] for one direction, torch.cat((h_n[-2], h_n[-1]), dim=1) for two.
        output and lengths are left unchanged.

    Raises:
        ValueError: output is not 3-D, lengths is not of shape (B,), or bidirectional
            with an odd feature size.

    Rules: no Python loops, comprehensions, map or recursion.

    Example:
        >>> output = torch.arange(6.0).view(3, 2, 1)      # output[t, b, 0] = 2t + b
        >>> final_states(output, torch.tensor([3, 1]))
        tensor([[4.],
                [1.]])
    """
    # TODO: gather each sequence's step lengths[b] - 1 (index on output's device), and for
    # a bidirectional output take the backward half from step 0 instead.
    raise NotImplementedError("final_states: not written yet")
