"""Wrong: max of the signed difference misses results that are too LOW."""



def parity_gap(fn, inputs, device):
    expected = fn(*[x.cpu() for x in inputs])
    got = fn(*[x.to(device) for x in inputs]).cpu()
    return (got.double() - expected.double()).max().item()
