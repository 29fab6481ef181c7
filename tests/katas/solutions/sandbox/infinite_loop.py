def iou(boxes1, boxes2):
    while True:
        pass
