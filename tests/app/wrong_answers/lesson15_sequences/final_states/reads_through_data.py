"""Wrong: reads the states through output.data, so no gradient reaches the recurrent layer."""

import torch


def final_states(output: torch.Tensor, lengths: torch.Tensor, bidirectional: bool = False,
                 batch_first: bool = False) -> torch.Tensor:
    """(T, B, D*H) padded output, (B,) lengths -> (B, D*H): what h_n holds for a packed run."""
    if output.dim() != 3:
        raise ValueError(f"output must be 3-D, got shape {tuple(output.shape)}")
    if batch_first:
        output = output.transpose(0, 1)               # (T, B, D*H)
    _, batch, features = output.shape
    if tuple(lengths.shape) != (batch,):
        raise ValueError(f"lengths must have shape ({batch},), got {tuple(lengths.shape)}")
    if bidirectional and features % 2:
        raise ValueError(f"a bidirectional output has an even feature size, got {features}")
    last = (lengths.to(output.device) - 1).view(1, batch, 1).expand(1, batch, features)
    at_end = output.data.gather(0, last).squeeze(0)        # (B, D*H) at each sequence's last step
    if not bidirectional:
        return at_end
    hidden = features // 2
    # The backward direction reads the sequence from its end: it finishes at step 0.
    return torch.cat((at_end[:, :hidden], output[0, :, hidden:]), dim=1)
