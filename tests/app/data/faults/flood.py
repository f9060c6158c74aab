def double(x):
    line = "spam " * 2000 + "\n"
    for _ in range(20000):
        print(line, end="")
    return 2 * x
