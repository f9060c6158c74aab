def double(x):
    total = 0
    while True:
        total += x
