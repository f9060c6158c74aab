"""Wrong: returns a 0-d tensor instead of a Python float."""



def parity_gap(fn, inputs, device):
    expected = fn(*[x.cpu() for x in inputs])
    got = fn(*[x.to(device) for x in inputs]).cpu()
    return (got.double() - expected.double()).abs().max()
