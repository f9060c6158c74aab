def test_two(exercise):
    """doubles 2"""
    assert exercise.double(2) == 4, f"double(2) returned {exercise.double(2)!r}; expected 4"


def test_three(exercise):
    """doubles 3"""
    assert exercise.double(3) == 6


def test_big(exercise):
    """doubles a big number"""
    assert exercise.double(10**6) == 2 * 10**6
