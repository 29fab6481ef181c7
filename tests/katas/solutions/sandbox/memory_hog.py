def iou(boxes1, boxes2):
    hog = []
    while True:
        hog.append(bytearray(50 * 2**20))
