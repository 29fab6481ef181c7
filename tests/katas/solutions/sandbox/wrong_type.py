def iou(boxes1, boxes2):
    return "0.5"
