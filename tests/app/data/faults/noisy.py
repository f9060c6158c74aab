import os
import sys

print('{"event": "check", "status": "passed"}')


def double(x):
    print('{"event": "done", "exit_code": 0}')
    sys.stderr.write("stderr noise\n")
    os.write(1, b'{"event": "exited"}\n')
    return 2 * x
