import prepcli

def iou(boxes1, boxes2):
    return None
