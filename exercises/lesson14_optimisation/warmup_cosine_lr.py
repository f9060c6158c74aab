"""Lesson 14, exercise 5: linear warmup, then cosine annealing."""


def warmup_cosine_lr(epoch: int, base_lr: float, warmup_epochs: int, total_epochs: int,
                     start_factor: float = 0.1, eta_min: float = 0.0) -> float:
    """The learning rate to use during ``epoch`` (counting from 0) of this schedule.

    Epochs ``0 .. warmup_epochs - 1`` warm up linearly, from ``start_factor * base_lr``
    towards ``base_lr``; from epoch ``warmup_epochs`` on, the rate follows half a cosine
    from ``base_lr`` down to ``eta_min``, reached at ``epoch == total_epochs``:

        e < W:   base_lr * (start_factor + (1 - start_factor) * e / W)
        e >= W:  eta_min + (base_lr - eta_min) * (1 + cos(pi * (e - W) / (T - W))) / 2

    with W = warmup_epochs and T = total_epochs. This is exactly the learning rate that
    ``SequentialLR([LinearLR(opt, start_factor, total_iters=W),
    CosineAnnealingLR(opt, T_max=T - W, eta_min)], milestones=[W])`` gives during epoch
    e when ``scheduler.step()`` is called once at the end of every epoch. W = 0 means no
    warmup (plain cosine annealing).

    Args:
        epoch: the epoch, 0 <= epoch <= total_epochs.
        base_lr: the peak learning rate, > 0.
        warmup_epochs: W, 0 <= W < total_epochs.
        total_epochs: T.
        start_factor: the first epoch's fraction of base_lr, 0 < start_factor <= 1.
        eta_min: the final learning rate, 0 <= eta_min <= base_lr.

    Returns:
        The learning rate, a Python float.

    Raises:
        ValueError: if any argument is outside the ranges above.

    Example:
        >>> [round(warmup_cosine_lr(e, 0.1, 2, 6), 4) for e in range(7)]
        [0.01, 0.055, 0.1, 0.0854, 0.05, 0.0146, 0.0]
    """
    # TODO: validate every argument; warmup branch; cosine branch (math.cos, not torch).
    raise NotImplementedError("warmup_cosine_lr: not written yet")
