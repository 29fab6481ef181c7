"""Katas: hand-written interview code checked for correctness and speed in a sandboxed child.

Adding a kata = adding a folder ``katas/<id>/`` (no code change here):

- ``kata.yaml``: format_version 1, id (= folder = function name), title, topic, difficulty 1-3,
  frameworks [numpy, torch], signature, tags, hints, budget (user median <= budget x reference
  median), timing {sizes (>= 3, increasing), repeats, size_label}.
- ``statement.md`` (task, contract, worked example, what interviewers probe),
  ``stub_<framework>.py`` per framework (raises NotImplementedError).
- ``reference.py``: hidden; defines ``<id>_<framework>`` per framework.
- ``cases.py`` (NumPy only at import): ``public_cases()``, ``hidden_cases(rng)`` -> list of dicts
  {name, kind: public|random|edge|probe|gradcheck, args, kwargs, optional grad: [arg indices],
  raises: "ValueError", finite, rtol/atol}; ``MISTAKES`` [(id, description, fn)] with
  ``MISTAKES_FRAMEWORK``; ``timing_input(n, rng)`` -> (args, kwargs); optional
  ``compare(case, expected, got)`` and ``STABILITY_HINT``.

Modules: catalog (manifests, cheap), check (orchestration + comparison), sandbox (child process),
runner (the child), compare, verdict, workspace (stubs, backups, replay, store records).
"""
