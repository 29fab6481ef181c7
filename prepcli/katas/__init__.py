"""Katas: hand-written interview code checked for correctness and speed in a sandboxed child.

Adding a kata = adding a folder ``katas/<id>/`` (no code change here):

- ``kata.yaml``: format_version 1, id (= folder = function name), title, topic, difficulty 1-3,
  frameworks [numpy, torch], signature, tags, hints, budget (user median <= budget x reference
  median), timing {sizes (>= 3, increasing), repeats, size_label}; optional ``outputs: [name,
  ...]`` (>= 2) for a function returning a tuple of that many arrays, each compared on its own
  (shape, dtype kind, values; messages name the output), gradients taken of the first (the loss).
- ``statement.md`` (task, contract, worked example, what interviewers probe),
  ``stub_<framework>.py`` per framework (raises NotImplementedError).
- ``reference.py``: hidden; defines ``<id>_<framework>`` per framework.
- ``cases.py``, or a shared file named by ``cases:`` whose ``for_variant(variant:)`` returns
  the same (NumPy only at import): ``public_cases()``, ``hidden_cases(rng)`` -> list of dicts
  {name, kind: public|random|edge|probe|gradcheck, args, kwargs, optional grad: [arg indices],
  raises: "ValueError", finite, rtol/atol, tolerances: {output: [rtol, atol]}, stop_grad: [arg
  indices, also in grad, whose gradient must be zero or None]}; ``MISTAKES``
  [(id, description, fn)] with ``MISTAKES_FRAMEWORK`` (fn returns what the function would, a
  tuple for a multi-output kata); optional ``GRADIENT_MISTAKES`` (torch fns: right values,
  wrong gradients); ``timing_input(n, rng)`` -> (args, kwargs); optional
  ``compare(case, expected, got)`` (``output=name`` too, for a multi-output kata) and
  ``STABILITY_HINT``, ``STOP_GRAD_HINT`` (id, description: the diagnosis of a gradient leaking
  into a stop_grad input).
- Optional case keys for random functions: ``calls: 2`` (the function is called twice, fresh
  inputs each time), ``generator: SEED`` (a fresh ``torch.Generator().manual_seed(SEED)``, or
  ``np.random.default_rng(SEED)`` in NumPy, passed as keyword ``generator_arg``, default
  ``generator``), ``across_calls: differ|same`` (the calls' results must differ / be equal),
  ``global_rng: untouched`` (the global random state must not change), ``mistake_ids``
  {"same-every-call", "reseeds-global", "generator-ignored": a MISTAKES id} naming the
  diagnosis of each failed randomness check.
- Optional manifest keys: ``inputs_unchanged`` (default true: an array input the function
  changes in place is a failure, unless the reference changes it too) and ``mutable_inputs:
  [arg names]`` (inputs allowed to change).

Modules: catalog (manifests, cheap); casefile (a kata's cases: loaded, generated, each case
checked against the keys above); orchestrate (one check: the children, the protocol, the
timing); judge (comparisons, every case's verdict); diagnose (the known mistake behind a wrong
result); sandbox (a child process as the parent sees it); child/ (the child: bootstrap, wire
format, calls, timing; run by path, never imports prepcli); verdict (dataclasses); workspace
(stubs, backups, replay, store records).
"""
