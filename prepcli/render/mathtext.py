"""Turn `$...$` LaTeX in bank text into readable Unicode for the terminal.

A small recursive converter over LaTeX tokens, written for the maths interview questions use:
fractions keep their grouping (`\\frac{a+b}{c+d}` -> `(a + b) / (c + d)`), scripts become
Unicode where every character has one (`x^2` -> x², `p_t` -> pₜ) and `_word` / `^(…)` otherwise
(`p_{data}` -> p_data), accents combine (`\\hat y` -> ŷ), `\\mathbb`/`\\mathcal` map to their
letters, named operators get their spacing (`\\gamma\\log p` -> γ log p) and relations their
spaces (`x \\sim p` -> x ∼ p). A command it does not know is shown by name, never with its
backslash.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

SUPER = dict(zip("0123456789+-=()nijkmNTtaepxyzrsdlLbcfghouvw",
                 "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱʲᵏᵐᴺᵀᵗᵃᵉᵖˣʸᶻʳˢᵈˡᴸᵇᶜᶠᵍʰᵒᵘᵛʷ"))
SUB = dict(zip("0123456789+-=()aeijklmnoprstuvxh",
               "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓₕ"))
SUPER.update({"−": "⁻", "*": "*", "'": "′", "′": "′", "T": "ᵀ", "β": "ᵝ", "γ": "ᵞ", "θ": "ᶿ"})
SUB.update({"−": "₋", "β": "ᵦ", "γ": "ᵧ", "ρ": "ᵨ", "φ": "ᵩ", "χ": "ᵪ"})

GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ",
    "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "ϕ",
    "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ",
    "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ",
    "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}
SYMBOLS = {
    "infty": "∞", "partial": "∂", "nabla": "∇", "ell": "ℓ", "sum": "∑", "prod": "∏", "int": "∫",
    "oint": "∮", "dots": "…", "ldots": "…", "cdots": "⋯", "vdots": "⋮", "ddots": "⋱",
    "forall": "∀", "exists": "∃", "emptyset": "∅", "varnothing": "∅", "neg": "¬", "lnot": "¬",
    "prime": "′", "circ": "∘", "bullet": "•", "star": "⋆", "dagger": "†", "hbar": "ℏ",
    "Re": "ℜ", "Im": "ℑ", "aleph": "ℵ", "top": "⊤", "bot": "⊥", "angle": "∠", "triangle": "△",
    "|": "‖", "lVert": "‖", "rVert": "‖", "Vert": "‖", "vert": "|", "lvert": "|", "rvert": "|",
    "langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉",
    "{": "{", "}": "}", "%": "%", "$": "$", "&": "&", "#": "#", "_": "_", "backslash": "\u29f5",
    "lbrace": "{", "rbrace": "}", "lbrack": "[", "rbrack": "]",
}
# relations and binary operators: written with a space on each side
RELATIONS = {
    "sim": "∼", "approx": "≈", "simeq": "≃", "cong": "≅", "equiv": "≡", "propto": "∝",
    "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "ll": "≪", "gg": "≫",
    "lesssim": "≲", "gtrsim": "≳", "in": "∈", "notin": "∉", "ni": "∋", "subset": "⊂",
    "subseteq": "⊆", "supset": "⊃", "supseteq": "⊇", "cup": "∪", "cap": "∩", "setminus": "∖",
    "cdot": "·", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "odot": "⊙", "otimes": "⊗",
    "oplus": "⊕", "ast": "∗", "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←",
    "Rightarrow": "⇒", "Leftarrow": "⇐", "Leftrightarrow": "⇔", "leftrightarrow": "↔",
    "iff": "⟺", "implies": "⟹", "mapsto": "↦", "longrightarrow": "⟶", "longmapsto": "⟼",
    "mid": "|", "parallel": "∥", "perp": "⊥", "land": "∧", "wedge": "∧", "lor": "∨", "vee": "∨",
    "coloneqq": "≔", "triangleq": "≜", "models": "⊨", "vdash": "⊢",
}
OPERATORS = {"log", "ln", "exp", "max", "min", "arg", "argmax", "argmin", "sin", "cos", "tan",
             "tanh", "sinh", "cosh", "arctan", "arcsin", "arccos", "sup", "inf", "lim", "det",
             "dim", "ker", "rank", "tr", "Tr", "sgn", "sign", "softmax", "sigmoid", "Pr", "var",
             "Var", "Cov", "diag", "erf", "limsup", "liminf", "deg", "gcd", "mod", "bmod"}
FONT_COMMANDS = {"text", "textrm", "textit", "textbf", "texttt", "textsf", "mathrm", "mathit",
                 "mathbf", "mathsf", "mathtt", "boldsymbol", "bm", "operatorname", "mbox", "hbox",
                 "emph", "mathnormal", "pmb"}
ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0305",
           "tilde": "\u0303", "widetilde": "\u0303", "vec": "\u20d7", "dot": "\u0307",
           "ddot": "\u0308", "check": "\u030c", "breve": "\u0306", "acute": "\u0301",
           "grave": "\u0300", "underline": "\u0332"}
BLACKBOARD = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ1",
                      "𝔸𝔹ℂ𝔻𝔼𝔽𝔾ℍ𝕀𝕁𝕂𝕃𝕄ℕ𝕆ℙℚℝ𝕊𝕋𝕌𝕍𝕎𝕏𝕐ℤ𝟙"))
CALLIGRAPHIC = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                        "𝒜ℬ𝒞𝒟ℰℱ𝒢ℋℐ𝒥𝒦ℒℳ𝒩𝒪𝒫𝒬ℛ𝒮𝒯𝒰𝒱𝒲𝒳𝒴𝒵"))
SPACES = {",": " ", ";": " ", ":": " ", ">": " ", "!": "", " ": " ", "quad": " ", "qquad": " ",
          "enspace": " ", "thinspace": " ", "medspace": " ", "thickspace": " ", "nobreakspace": " "}
SIZERS = {"left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl",
          "biggr", "Biggl", "Biggr", "middle", "displaystyle", "textstyle", "scriptstyle",
          "limits", "nolimits", "mathop", "mathord", "mathbin", "mathrel", "nonumber", "notag"}
FRACTIONS = {"frac", "dfrac", "tfrac", "cfrac"}
OPENERS = {"lVert", "lvert", "langle", "lfloor", "lceil"}
CLOSERS = {"rVert", "rvert", "rangle", "rfloor", "rceil"}

_MATH = re.compile(r"\$\$(.+?)\$\$|(?<!\\)\$(.+?)(?<!\\)\$|\\\((.+?)\\\)|\\\[(.+?)\\\]", re.DOTALL)
_TOKEN = re.compile(r"\\[A-Za-z]+\*?|\\.|\s+|.", re.DOTALL)
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>#|~])")


def render_math(text: str, *, markdown: bool = False) -> str:
    """Replace every math span in `text` with Unicode; the rest is left as is.

    With `markdown=True` the formulas' own Markdown characters (`*`, `_`, `|`...) are
    backslash-escaped, so that a Markdown renderer shows them literally.
    """
    if "$" not in text and "\\(" not in text and "\\[" not in text:
        return text

    def sub(m: re.Match[str]) -> str:
        body = next(g for g in m.groups() if g is not None)
        out = latex_to_unicode(body)
        if m.group(1) is not None or m.group(4) is not None:  # display maths: its own line
            # (an indented block, shown literally: no escapes)
            return f"\n\n    {out}\n\n" if markdown else out
        return _MARKDOWN_SPECIALS.sub(r"\\\1", out) if markdown else out

    return _MATH.sub(sub, text)


@cache
def latex_to_unicode(src: str) -> str:
    """One formula (without its `$`) as Unicode text."""
    tokens = [t for t in _TOKEN.findall(src.strip())]
    out = _Converter(tokens).run()
    out = re.sub(r"[ \t\u00a0]{2,}", " ", out)
    out = re.sub(r"([(\[{⟨⌊⌈]) ", r"\1", out)
    out = re.sub(r" ([)\]}⟩⌋⌉,;.!?])", r"\1", out)
    return unicodedata.normalize("NFC", out.strip())


def _is_word_char(c: str) -> bool:
    return c.isalnum() or unicodedata.category(c).startswith("L")


_ATOM = re.compile(
    r"^[−-]?(?:\d+(?:\.\d+)?|[√∂∇Δ]?[^\W\d_][\w′]*|[∑∏∫][^\s]*|√[\w(]\S*)"
    r"(?:_\w+|_\([^()]*\)|\^\([^()]*\)|\^\w|[⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱʲᵏᵐᴺᵀᵗᵃᵉᵖˣʸᶻʳˢᵈˡᴸᵇᶜᶠᵍʰᵒᵘᵛʷᵝᵞᶿ"
    r"₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓₕᵦᵧᵨᵩᵪ′]|[\u0300-\u036f\u20d7])*(?:\([^()]*\))?$"
    r"|^\([^()]*\)$|^‖[^‖]*‖$|^\|[^|]*\|$"
)


def _top_level(text: str) -> str:
    """`text` without what is inside brackets: `p(x + 1) + q` -> `p() + q`."""
    depth, out = 0, []
    for c in text:
        if c in "([{⟨":
            depth += 1
            if depth == 1:
                out.append(c)
            continue
        if c in ")]}⟩":
            depth = max(0, depth - 1)
        if depth == 0:
            out.append(c)
    return "".join(out)


def _compound(text: str, *, denominator: bool) -> bool:
    """Would `text` need brackets as a numerator (a sum, a relation) or a denominator (also a
    product: `2σ²`)?"""
    if not text or re.fullmatch(r"\([^()]*\)|‖[^‖]*‖|\|[^|]*\|", text):
        return False
    top = _top_level(text)
    if re.search(r"\S\s*[-+−±=<>≤≥≈∼∝·×/]\s*\S|\s", top.strip()):
        return True
    return denominator and not _ATOM.match(text)


def _bracket(text: str) -> str:
    return f"({text})"


class _Converter:
    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.i = 0

    def run(self) -> str:
        out: list[str] = []
        while self.i < len(self.tokens):
            out.append(self.step(out))
        return "".join(out)

    # -- reading ---------------------------------------------------------------------------------

    def peek(self) -> str | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def skip_spaces(self) -> None:
        while self.i < len(self.tokens) and self.tokens[self.i].isspace():
            self.i += 1

    def group_tokens(self) -> list[str]:
        """The next argument's tokens: a `{...}` group, or one token."""
        self.skip_spaces()
        tok = self.peek()
        if tok is None:
            return []
        self.i += 1
        if tok != "{":
            return [tok]
        depth, start = 1, self.i
        while self.i < len(self.tokens):
            t = self.tokens[self.i]
            if t == "{":
                depth += 1
            elif t == "}":
                depth -= 1
                if depth == 0:
                    self.i += 1
                    return self.tokens[start : self.i - 1]
            self.i += 1
        return self.tokens[start:]

    def argument(self) -> str:
        return _Converter(self.group_tokens()).run().strip()

    def optional(self) -> str | None:
        self.skip_spaces()
        if self.peek() != "[":
            return None
        self.i += 1
        start = self.i
        while self.i < len(self.tokens) and self.tokens[self.i] != "]":
            self.i += 1
        inner = _Converter(self.tokens[start : self.i]).run().strip()
        self.i += 1
        return inner

    # -- writing ---------------------------------------------------------------------------------

    def step(self, out: list[str]) -> str:
        tok = self.tokens[self.i]
        self.i += 1
        if tok.isspace():
            return " "
        if tok in ("{", "}"):
            if tok == "{":
                self.i -= 1
                return _Converter(self.group_tokens()).run()
            return ""
        if tok in ("^", "_"):
            return self.script(tok)
        if tok == "~":
            return " "
        if tok == "'":
            return "′"
        if tok == "&":
            return " "
        if tok.startswith("\\"):
            return self.command(tok[1:].rstrip("*"), out)
        return tok

    def script(self, kind: str) -> str:
        body = self.argument()
        table = SUPER if kind == "^" else SUB
        if body and all(c in table for c in body):
            return "".join(table[c] for c in body)
        if len(body) <= 1 or re.fullmatch(r"(?:[^\W_][\u0300-\u036f\u20d7]*)+", body):
            return kind + body
        return f"{kind}({body})"

    def command(self, name: str, out: list[str]) -> str:
        if name in FRACTIONS:
            num, den = self.argument(), self.argument()
            wrap_num, wrap_den = _compound(num, denominator=False), _compound(den, denominator=True)
            sep = " / " if wrap_num or wrap_den else "/"
            return (_bracket(num) if wrap_num else num) + sep + (_bracket(den) if wrap_den else den)
        if name == "binom":
            n, k = self.argument(), self.argument()
            return f"C({n}, {k})"
        if name == "sqrt":
            index = self.optional()
            body = self.argument()
            root = {"2": "√", "3": "∛", "4": "∜"}.get(index or "2", f"{index}√")
            return root + (body if _ATOM.match(body) and not _compound(body, denominator=True)
                           else _bracket(body))
        if name in ACCENTS:
            body = self.argument()
            mark = ACCENTS[name]
            if len(body) == 1 or name in ("overline", "underline"):
                return "".join(c + mark for c in body)
            return f"{name}({body})"
        if name == "mathbb":
            return "".join(BLACKBOARD.get(c, c) for c in self.argument())
        if name in ("mathcal", "mathscr"):
            return "".join(CALLIGRAPHIC.get(c, c) for c in self.argument())
        if name in FONT_COMMANDS:
            tokens = self.group_tokens()
            if name.startswith("text") or name in ("mbox", "hbox", "emph"):
                return "".join(tokens)  # text mode: what is written
            return _Converter(tokens).run()
        if name in SIZERS:
            if name in ("left", "right", "middle") or name.startswith("big") or name.startswith("Big"):
                self.skip_spaces()
                nxt = self.peek()
                if nxt == ".":
                    self.i += 1
                    return ""
            return ""
        if name in SPACES:
            return SPACES[name]
        if name in GREEK:
            return GREEK[name]  # the space the author wrote after it stays: `\\beta = 1`
        if name in RELATIONS:
            return f" {RELATIONS[name]} "
        if name in SYMBOLS:
            if name in ("sum", "prod", "int", "oint", "partial", "nabla") or name in OPENERS:
                self.skip_spaces()  # ∑ᵢ xᵢ, ∂L, ‖x: the operand follows without a space
            if name in CLOSERS and out:
                out[-1] = out[-1].rstrip()
            return SYMBOLS[name]
        if name in OPERATORS:
            before = " " if out and out[-1] and _is_word_char(out[-1][-1]) else ""
            self.skip_spaces()
            nxt = self.peek()
            after = "" if nxt is None or nxt in ("(", "[", "_", "^", "{", "\\{", ")", ",") else " "
            return before + name + after
        if name in ("begin", "end"):
            self.argument()
            return " "
        if name in ("label", "tag", "color", "textcolor"):
            self.argument()
            return ""
        if len(name) == 1 and not name.isalpha():
            return name  # \, handled above; other escaped punctuation is itself
        self.skip_spaces()
        return _pylatexenc("\\" + name) or name


@cache
def _pylatexenc(command: str) -> str:
    """A symbol this module does not list, from pylatexenc's table ('' when it has none)."""
    try:
        from pylatexenc.latex2text import LatexNodes2Text

        text = LatexNodes2Text(math_mode="text", strict_latex_spaces=False).latex_to_text(command)
    except Exception:  # pylatexenc is lenient, but a bank must never crash the quiz
        return ""
    text = text.strip()
    return "" if not text or "\\" in text else text
