"""A stand-in for the CUDA build of torch: importing it reserves 6 GB of address space
(PROT_NONE, nothing resident), as CUDA libraries do at import."""

import ctypes

_libc = ctypes.CDLL(None, use_errno=True)
_libc.mmap.restype = ctypes.c_void_p
_libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int,
                       ctypes.c_long]
_MAP_PRIVATE, _MAP_ANONYMOUS, _MAP_NORESERVE = 0x02, 0x20, 0x4000
RESERVED = _libc.mmap(None, 6 << 30, 0, _MAP_PRIVATE | _MAP_ANONYMOUS | _MAP_NORESERVE, -1, 0)
if RESERVED in (None, ctypes.c_void_p(-1).value):
    raise MemoryError("could not reserve 6 GB of address space")
