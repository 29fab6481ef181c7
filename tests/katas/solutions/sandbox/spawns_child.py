import subprocess, sys

subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])


def iou(boxes1, boxes2):
    while True:
        pass
