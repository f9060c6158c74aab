def double(x):
    values = [x, x]
    return values[2]
