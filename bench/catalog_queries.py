#!/usr/bin/env python3
"""Search-quality query set for the procedure catalogue: what citizens type, with gold answers.

Reads tests/vectors/catalog/procedures.csv (2,849 national procedures) and writes
bench/data/catalog_queries.jsonl, one JSON object per line:

    {"query": str, "kind": str, "target": "1.000494", "relevant": ["1.000494", ...]}

The output depends only on the catalogue and SEED (every kind draws from its own
random.Random(f"{SEED}/{kind}"), so changing one kind's count leaves the others alone). Nothing
here looks at any search engine: the queries and gold sets come from the catalogue text and the
rules below, never from what a tool finds.

    python bench/catalog_queries.py                    # writes bench/data/catalog_queries.jsonl
    python bench/catalog_queries.py --out /tmp/q.jsonl --catalog other.csv --stats

Normalisation
-------------
- Names are NFC-normalised first (some rows are NFD). The *main name* is the name with every
  parenthetical part removed (and, for an unclosed "(", the rest of the name), cut at its first ";"
  (100 names list further procedures after one: "Cấp ...; Cấp lại ..."), tokenised into words (runs
  of letters/digits: punctuation such as , / - goes), with a leading "Thủ tục" dropped (860 names
  start with it; nobody types it).
- *Folding*: lower case, NFD, combining marks removed, đ -> d. "Hoá", "hóa" and "HOA" all fold to
  "hoa".

Query base and gold set (all text kinds)
----------------------------------------
Citizens type the start of a name, not its 100 characters. For a target procedure:
- n = the smallest k, 4 <= k <= len(main name), such that no other procedure's folded main name
  starts with the target's first k folded words. If no such k exists (the main name is identical to,
  or a prefix of, another one), n = len(main name). Names shorter than 4 words are used whole.
- If n > 10 the base is cut to 10 words (to the whole main name when it has at most 12).
- A base does not stop inside a two-syllable word: while its last word is followed by the name's
  next word in at least half of that word's occurrences in the catalogue (and at least 3 times), it
  takes one more word, up to 12 ("đăng ký tài khoản điện" -> "đăng ký tài khoản điện tử"). This is
  a property of the catalogue's text, not of any search engine.
- The *query base* is the first n words of the main name.
- `relevant` = every procedure whose folded main name starts with the base's folded words; it
  always includes the target. So "cap lai the can cuoc" has three relevant procedures (the
  central, provincial and unqualified "Cấp lại thẻ căn cước"), and a 10-word base shared by a
  family of long names lists the whole family. Kinds then transform the base:

- `no_diacritics`: the folded base ("cap lai the can cuoc").
- `tone_variant`: the base in lower case with diacritics kept but written another way: old/new
  tone placement swapped on open oa/oe/uy syllables (hoá<->hóa, thuỷ<->thủy, uỷ<->ủy, khoẻ<->khỏe),
  i/y swapped after k, l, m, s, t, h, qu (ký<->kí, lý<->lí, kỹ<->kĩ, quý<->quí, sĩ<->sỹ); each
  eligible word changes with probability 0.7 (at least one does), and a quarter of these queries are
  also emitted in NFD. A base with no eligible word is emitted in NFD.
- `typo`: the folded base with 1 or 2 (equally likely) typos, each in a different word of at least
  4 letters, at a uniformly random position: a QWERTY-adjacent substitution, a dropped letter, a
  doubled letter or two adjacent letters swapped (equally likely).
- `reordered`: the folded base with its word order changed, one of (when applicable, equally
  likely): the verb phrase (the first word, or the first two when they are a common two-syllable
  verb such as "cap lai", "dang ky", "gia han") moved to the end ("the can cuoc cap lai"); the tail
  from a function word (cho, cua, doi voi, tai, trong, co, theo, ve, ...) moved to the front; the
  verb phrase moved behind the object head, before that function word ("khai sinh dang ky co yeu to
  nuoc ngoai").
- `abbreviation`: targets whose main name contains, within its first 14 words, a phrase citizens
  abbreviate (ABBREVIATIONS, longest match first); the base is extended to the end of the first such
  phrase if needed, and every such phrase in the base is replaced by its abbreviation ("cap doi
  gcn", "cap lai cccd", "cap doi so do"). Half of these queries keep the diacritics of the other
  words (lower case), half are folded; "sổ đỏ" keeps its own diacritics in the first half. At most
  ABBREV_CAP queries per abbreviation, so "gcn" (314 names) does not swamp the kind. `relevant` is
  computed from the extended base, before the replacement.

Codes (`relevant` = [target])
-----------------------------
- `code_dotted`: "1.000494". `code_undotted`: "1000494".
- `code_local`: a national code with a local agency suffix, in three equally likely forms:
  "1.000494.000.00.00.H29" (level-1 agency identifier, one in five with a level-2 unit such as
  000.00.06.H56), "1.000494.H56" and undotted "1000494000000H29". The agency is a province code
  H01-H63 for procedures carried out at provincial or commune level, else one of the ministry codes
  G01 Công an, G10 Nông nghiệp và Môi trường, G11 Quốc phòng, G12 Tài chính, G15 Tư pháp, G17 Xây
  dựng, G19 Ngân hàng Nhà nước (drawn at random, not matched to the procedure's ministry); one in
  ten suffixes is typed in lower case.

Hand-written
------------
- `handwritten`: HANDWRITTEN below, queries written by hand the way citizens type them ("lam lai
  cccd", "cap lai bang lai xe", "xin giay xac nhan doc than"), with target and relevant codes chosen
  by reading the catalogue (every code is checked to exist).

Within a kind a query text occurs once (identical names give identical queries and one gold set).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "tests" / "vectors" / "catalog" / "procedures.csv"
OUT = ROOT / "bench" / "data" / "catalog_queries.jsonl"

SEED = 20261125
MIN_WORDS, MAX_WORDS, MAX_WHOLE = 4, 10, 12
ABBREV_MAX_END = 14
ABBREV_CAP = 30
ABBREV_CAP_GENERIC = {"dn": 15, "vn": 15}  # chat abbreviations of common words, not of a procedure

COUNTS = {
    "no_diacritics": 400,
    "tone_variant": 300,
    "typo": 400,
    "reordered": 300,
    "abbreviation": 400,  # upper bound; ABBREV_CAP per abbreviation decides
    "code_dotted": 200,
    "code_undotted": 200,
    "code_local": 240,
}

# (phrase as written in names, abbreviation, abbreviation when the query keeps diacritics)
ABBREVIATIONS: list[tuple[str, str, str]] = [
    ("giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", "so do", "sổ đỏ"),
    ("giấy chứng nhận quyền sử dụng đất", "so do", "sổ đỏ"),
    ("căn cước công dân", "cccd", "cccd"),
    ("thẻ căn cước", "cccd", "cccd"),
    ("chứng minh nhân dân", "cmnd", "cmnd"),
    ("giấy phép lái xe", "gplx", "gplx"),
    ("giấy phép kinh doanh", "gpkd", "gpkd"),
    ("giấy phép xây dựng", "gpxd", "gpxd"),
    ("giấy chứng nhận", "gcn", "gcn"),
    ("bảo hiểm y tế", "bhyt", "bhyt"),
    ("bảo hiểm xã hội", "bhxh", "bhxh"),
    ("đăng ký khai sinh", "dkks", "dkks"),
    ("đăng ký kết hôn", "dkkh", "dkkh"),
    ("đăng ký kinh doanh", "dkkd", "dkkd"),
    ("phòng cháy và chữa cháy", "pccc", "pccc"),
    ("phòng cháy chữa cháy", "pccc", "pccc"),  # also matches "phòng cháy, chữa cháy"
    ("hợp tác xã", "htx", "htx"),
    ("ủy ban nhân dân", "ubnd", "ubnd"),
    ("thủ tục hành chính", "tthc", "tthc"),
    ("quyền sử dụng đất", "qsdd", "qsdd"),
    ("trách nhiệm hữu hạn", "tnhh", "tnhh"),
    ("thu nhập cá nhân", "tncn", "tncn"),
    ("thu nhập doanh nghiệp", "tndn", "tndn"),
    ("giá trị gia tăng", "gtgt", "gtgt"),
    ("mã số thuế", "mst", "mst"),
    ("tổ chức tín dụng", "tctd", "tctd"),
    ("ngân hàng nhà nước", "nhnn", "nhnn"),
    ("lý lịch tư pháp", "lltp", "lltp"),
    ("nghĩa vụ quân sự", "nvqs", "nvqs"),
    ("xuất nhập cảnh", "xnc", "xnc"),
    ("vật liệu nổ công nghiệp", "vlncn", "vlncn"),
    ("chứng chỉ hành nghề", "cchn", "cchn"),
    ("bất động sản", "bds", "bđs"),
    ("đánh giá tác động môi trường", "dtm", "đtm"),
    ("an toàn thực phẩm", "attp", "attp"),
    ("công an nhân dân", "cand", "cand"),
    ("cơ sở dữ liệu", "csdl", "csdl"),
    ("doanh nghiệp", "dn", "dn"),
    ("việt nam", "vn", "vn"),
]

# Two-syllable verbs that start names (checked against the catalogue's most frequent first bigrams).
VERB_BIGRAMS = {
    "cap lai", "cap doi", "cap moi", "dang ky", "phe duyet", "gia han", "cong bo", "chap thuan",
    "dieu chinh", "thong bao", "tham dinh", "tham duyet", "cong nhan", "de nghi", "thay doi",
    "giai quyet", "xac nhan", "thu hoi", "sua doi", "quyet dinh", "cham dut", "chuyen doi",
    "kiem tra", "khai thac", "ho tro", "tra lai", "chuyen nhuong", "chung thuc", "bo nhiem",
    "thoa thuan", "cho thue", "xet huong", "chung nhan", "hoan thue", "thanh lap", "khai bao",
    "lua chon", "mien thue", "bao cao", "mien nhiem", "tuyen chon", "mien giam", "cung cap",
    "bo sung", "thanh toan", "phuc hoi", "xac dinh", "quyet toan", "giai the", "hop nhat",
    "hieu dinh", "huong dan", "khoi phuc", "thu thap", "mo khoa", "nghiem thu", "trinh bao",
    "cap phep", "cho phep", "tam ngung", "tiep nhan", "cap nhat", "dinh chi", "huy bo", "xoa bo",
}
# One-syllable verbs that start names (lower case, with diacritics: folded "cap" is also "cặp").
VERB_WORDS = {
    "cấp", "đổi", "khóa", "khoá", "hủy", "huỷ", "xóa", "xoá", "giao", "nộp", "khai", "mở", "lập",
    "thôi", "nhập", "tặng", "gửi", "xét", "duyệt", "giảm", "hoàn", "miễn", "ghi", "tách", "bán",
    "mua", "thuê", "thu", "trình", "đặt", "nhận", "chọn", "góp",
}
# Words (lower case, with diacritics) before which a name can be cut into two chunks that still
# read on their own; "đối" only when "với" follows, "với" never right after "đối".
FUNCTION_WORDS = {
    "cho", "của", "đối", "tại", "trong", "có", "theo", "về", "khi", "do", "để", "bằng", "từ",
    "thuộc", "ở", "trên", "với", "vào", "qua", "trường",
}

QWERTY_NEIGHBOURS = {
    "q": "wa", "w": "qeas", "e": "wrsd", "r": "etdf", "t": "ryfg", "y": "tugh", "u": "yihj",
    "i": "uojk", "o": "ipkl", "p": "ol", "a": "qwsz", "s": "awedxz", "d": "serfcx", "f": "drtgvc",
    "g": "ftyhbv", "h": "gyujnb", "j": "huikmn", "k": "jiolm", "l": "kop", "z": "asx", "x": "zsdc",
    "c": "xdfv", "v": "cfgb", "b": "vghn", "n": "bhjm", "m": "njk",
}

PROVINCES = [f"H{i:02d}" for i in range(1, 64)]
MINISTRIES = ["G01", "G10", "G11", "G12", "G15", "G17", "G19"]

# (query, target, relevant): written by hand, relevant sets read off the catalogue.
HANDWRITTEN: list[tuple[str, str, list[str]]] = [
    # căn cước / định danh / cư trú
    ("lam lai cccd", "1.014064", ["1.014064", "1.000757", "2.001194"]),
    ("cap doi can cuoc cong dan", "1.014063", ["1.014063", "1.000889", "2.001195"]),
    ("lam cccd cho con duoi 14 tuoi", "1.014062", ["1.014062", "1.012543", "1.012549"]),
    ("cap the can cuoc lan dau", "1.014061",
     ["1.014061", "1.001247", "2.000200", "1.014062", "1.012543", "1.012549"]),
    ("khoa can cuoc dien tu", "3.000271", ["3.000271", "3.000276"]),
    ("dinh danh dien tu muc 2", "3.000228", ["3.000228"]),
    ("tai khoan dinh danh muc 1", "1.011410", ["1.011410"]),
    ("mo khoa tai khoan dinh danh", "3.000275", ["3.000275"]),
    ("xac nhan so cmnd cu", "1.012566", ["1.012566"]),
    ("xac nhan thong tin cu tru", "1.010041", ["1.010041"]),
    ("dang ky thuong tru", "1.004222", ["1.004222"]),
    ("dang ky tam tru", "1.004194", ["1.004194"]),
    ("xoa thuong tru", "1.003197", ["1.003197"]),
    ("khai bao tam vang", "1.003677", ["1.003677"]),
    ("lam ho chieu", "1.001456", ["1.001456", "1.001471"]),
    ("bao mat ho chieu", "2.000539", ["2.000539", "1.001445", "1.010385", "1.010386"]),
    ("the tam tru cho nguoi nuoc ngoai", "1.003460", ["1.003460", "1.003358"]),
    ("cap thi thuc dien tu", "1.002756", ["1.002756", "1.002757"]),
    ("nhap quoc tich viet nam", "2.002039", ["2.002039", "2.002797"]),
    ("xin thoi quoc tich", "2.002036", ["2.002036", "1.005141"]),
    # hộ tịch
    ("dang ky ket hon", "1.000894", ["1.000894", "2.000806", "1.000593", "1.000094"]),
    ("ket hon voi nguoi nuoc ngoai", "2.000806", ["2.000806", "1.000094"]),
    ("lam giay khai sinh cho con", "1.001193",
     ["1.001193", "1.003583", "1.004772", "1.000689", "2.000528", "1.000893", "1.000110",
      "1.001695", "2.000986", "2.001023"]),
    ("khai tu", "1.000656",
     ["1.000656", "1.000419", "1.001766", "1.004827", "1.005461", "2.000497"]),
    ("xin giay xac nhan doc than", "1.004873", ["1.004873"]),
    ("xac nhan tinh trang hon nhan", "1.004873", ["1.004873"]),
    ("trich luc khai sinh", "2.000635", ["2.000635"]),
    ("cai chinh thong tin ho tich", "1.004859", ["1.004859", "2.000748"]),
    ("dang ky giam ho", "1.004837", ["1.004837", "1.001669"]),
    ("nhan con nuoi trong nuoc", "2.001263", ["2.001263"]),
    # lý lịch, chứng thực, trợ giúp pháp lý
    ("lam ly lich tu phap", "3.000333", ["3.000333", "3.000330", "3.000334", "3.000335"]),
    ("chung thuc ban sao", "2.000815", ["2.000815"]),
    ("chung thuc chu ky", "2.000884",
     ["2.000884", "2.000975", "2.000988", "2.000992", "2.001008"]),
    ("chung thuc di chuc", "2.001019", ["2.001019"]),
    ("yeu cau tro giup phap ly", "2.000829", ["2.000829"]),
    ("dang ky mau con dau", "2.001403", ["2.001403", "1.003173", "2.001410"]),
    # xe, giấy phép lái xe
    ("cap doi gplx", "3.000347", ["3.000347", "3.000349", "3.000350", "3.000351"]),
    ("cap lai bang lai xe", "3.000348", ["3.000348"]),
    ("gplx quoc te", "3.000353", ["3.000353"]),
    ("doi bang lai xe nuoc ngoai", "3.000351", ["3.000351"]),
    ("dang ky xe lan dau", "1.013067", ["1.013067", "1.012575", "1.013066"]),
    ("sang ten xe", "1.013076", ["1.013076"]),
    ("cap lai dang ky xe bi mat", "1.013080", ["1.013080", "1.013082"]),
    # đất đai, xây dựng, phòng cháy
    ("cap doi so do", "1.012783", ["1.012783"]),
    ("tach thua dat", "1.012784", ["1.012784"]),
    ("the chap so do", "1.011441", ["1.011441"]),
    ("xoa the chap so do", "1.011443", ["1.011443"]),
    ("xin giay phep xay dung nha o", "1.013225", ["1.013225"]),
    ("tham dinh thiet ke pccc", "3.000489", ["3.000489", "3.000492"]),
    ("nghiem thu pccc", "3.000493", ["3.000493", "3.000490"]),
    # kinh doanh, thuế, bảo hiểm, quân sự
    ("thanh lap htx", "1.005280", ["1.005280"]),
    ("dang ky ho kinh doanh", "1.001612", ["1.001612"]),
    ("thanh lap cong ty tnhh 1 thanh vien", "2.001583", ["2.001583"]),
    ("dang ky ma so thue ca nhan", "1.008498", ["1.008498"]),
    ("quyet toan thue tncn", "2.002233", ["2.002233", "1.008309", "1.014976"]),
    ("hoan thue tncn", "2.002233", ["2.002233", "1.008562"]),
    ("cap lai the bhyt", "1.001294", ["1.001294", "1.001327"]),
    ("rut bhxh 1 lan", "1.001613", ["1.001613"]),
    ("dang ky nghia vu quan su lan dau", "1.013133", ["1.013133"]),
]


# ---------------------------------------------------------------- normalisation


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def fold(s: str) -> str:
    """Lower case, no diacritics, đ -> d."""
    s = unicodedata.normalize("NFD", s.lower()).replace("đ", "d")
    return "".join(c for c in s if not unicodedata.combining(c))


WORD = re.compile(r"\w+")


def strip_parentheses(name: str) -> str:
    prev = None
    while prev != name:
        prev, name = name, re.sub(r"\([^()]*\)", " ", name)
    return name.split("(", 1)[0]


def main_words(name: str) -> list[str]:
    """Words of the name up to its first ";", without parenthetical parts and without a leading
    "Thủ tục"."""
    words = WORD.findall(strip_parentheses(nfc(name)).split(";", 1)[0])
    if len(words) > 2 and fold(words[0]) == "thu" and fold(words[1]) == "tuc":
        words = words[2:]
    return words


@dataclass
class Procedure:
    code: str
    name: str
    levels: str
    words: list[str]  # main name, NFC, original case
    folded: tuple[str, ...]


def load(path: Path) -> list[Procedure]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    procs = []
    for r in rows:
        words = main_words(r["ten_thu_tuc"])
        procs.append(Procedure(r["ma_thu_tuc"].strip(), r["ten_thu_tuc"], r["cap_thuc_hien"],
                               words, tuple(fold(w) for w in words)))
    return procs


class Catalogue:
    def __init__(self, procs: list[Procedure]):
        self.procs = sorted(procs, key=lambda p: p.code)
        self.by_code = {p.code: p for p in self.procs}
        self.prefix: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for p in self.procs:
            for k in range(1, len(p.folded) + 1):
                self.prefix[p.folded[:k]].append(p.code)
        # word and next-word counts over all main names (lower case, diacritics kept)
        self.first: Counter[str] = Counter()
        self.pair: Counter[tuple[str, str]] = Counter()
        for p in self.procs:
            low = [w.lower() for w in p.words]
            self.first.update(low[:-1])
            self.pair.update(zip(low, low[1:]))

    def cohesive(self, a: str, b: str) -> bool:
        """True when a is followed by b in at least half of a's (>= 3) occurrences: "điện" -> "tử"."""
        a, b = a.lower(), b.lower()
        return self.pair[a, b] >= 3 and 2 * self.pair[a, b] >= self.first[a]

    def base_len(self, p: Procedure) -> int:
        """Words of the query base for p (see the module docstring)."""
        n = len(p.folded)
        k = next((k for k in range(MIN_WORDS, n + 1) if len(self.prefix[p.folded[:k]]) == 1), n)
        if k > MAX_WORDS:
            k = n if n <= MAX_WHOLE else MAX_WORDS
        while k < min(n, MAX_WHOLE) and self.cohesive(p.words[k - 1], p.words[k]):
            k += 1  # do not stop inside a two-syllable word ("tài khoản điện" -> "... điện tử")
        return k

    def relevant(self, folded_base: tuple[str, ...]) -> list[str]:
        return list(self.prefix[folded_base])


# ---------------------------------------------------------------- tone variants

TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
OPEN_GLIDE = re.compile(r"^([bcdđghklmnprstvx]*)(oa|oe|uy)$")
I_Y = re.compile(r"^(k|l|m|s|t|h|qu)([iy])$")


def split_tone(word: str) -> tuple[str, str | None]:
    d = unicodedata.normalize("NFD", word)
    tones = [c for c in d if c in TONE_MARKS]
    return nfc("".join(c for c in d if c not in TONE_MARKS)), (tones[0] if tones else None)


def tone_position(word: str) -> int | None:
    d = unicodedata.normalize("NFD", word)
    i = -1
    for c in d:
        if not unicodedata.combining(c):
            i += 1
        elif c in TONE_MARKS:
            return i
    return None


def swap_tone_placement(word: str) -> str | None:
    """hoá <-> hóa, thuỷ <-> thủy: only open oa/oe/uy syllables, where both spellings are used."""
    bare, tone = split_tone(word)
    m = OPEN_GLIDE.match(bare)
    if not m or tone is None:
        return None
    first = len(m.group(1))
    pos = tone_position(word)
    new = first + 1 if pos == first else first
    letters = list(bare)
    letters[new] = nfc(letters[new] + tone)
    return "".join(letters)


def swap_i_y(word: str) -> str | None:
    """ký <-> kí, lý <-> lí, quý <-> quí, sĩ <-> sỹ."""
    bare, tone = split_tone(word)
    m = I_Y.match(bare)
    if not m:
        return None
    vowel = "y" if m.group(2) == "i" else "i"
    return nfc(m.group(1) + vowel + (tone or ""))


def tone_variant(words: list[str], rng: random.Random) -> str:
    words = [w.lower() for w in words]
    options = []
    for i, w in enumerate(words):
        alt = swap_tone_placement(w) or swap_i_y(w)
        if alt and alt != w:
            options.append((i, alt))
    out = list(words)
    if options:
        chosen = [o for o in options if rng.random() < 0.7] or [rng.choice(options)]
        for i, alt in chosen:
            out[i] = alt
        text = " ".join(out)
        return unicodedata.normalize("NFD", text) if rng.random() < 0.25 else text
    return unicodedata.normalize("NFD", " ".join(out))


# ---------------------------------------------------------------- typos


def typo(word: str, rng: random.Random) -> str:
    for _ in range(20):
        op = rng.choice(("substitute", "drop", "double", "swap"))
        i = rng.randrange(len(word))
        if op == "substitute" and word[i] in QWERTY_NEIGHBOURS:
            out = word[:i] + rng.choice(QWERTY_NEIGHBOURS[word[i]]) + word[i + 1:]
        elif op == "drop":
            out = word[:i] + word[i + 1:]
        elif op == "double":
            out = word[:i + 1] + word[i:]
        elif op == "swap" and i + 1 < len(word) and word[i] != word[i + 1]:
            out = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        else:
            continue
        if out != word:
            return out
    return word + word[-1]


def with_typos(folded: list[str], rng: random.Random) -> str | None:
    candidates = [i for i, w in enumerate(folded) if len(w) >= 4 and w.isalpha()]
    if not candidates:
        return None
    out = list(folded)
    for i in rng.sample(candidates, min(len(candidates), rng.choice((1, 2)))):
        out[i] = typo(out[i], rng)
    return " ".join(out)


# ---------------------------------------------------------------- reordering


def verb_length(lower: list[str], folded: list[str]) -> int:
    """Words of the leading verb phrase: 3 for "cấp, cấp lại", 2 for a VERB_BIGRAMS entry, 1 for a
    VERB_WORDS entry, else 0 (unknown: the verb-moving reorderings are not used)."""
    if len(folded) > 3 and folded[0] == "cap" and " ".join(folded[1:3]) in VERB_BIGRAMS:
        return 3
    if len(folded) > 2 and " ".join(folded[:2]) in VERB_BIGRAMS:
        return 2
    return 1 if len(folded) > 1 and lower[0] in VERB_WORDS else 0


def can_cut(lower: list[str], i: int) -> bool:
    w = lower[i]
    if w == "đối":
        return i + 1 < len(lower) and lower[i + 1] == "với"
    if w == "với" and lower[i - 1] == "đối":
        return False
    if w == "trường":  # "trường hợp"
        return i + 1 < len(lower) and lower[i + 1] == "hợp"
    return w in FUNCTION_WORDS


def reorder(words: list[str], rng: random.Random) -> str | None:
    lower = [nfc(w.lower()) for w in words]
    folded = [fold(w) for w in words]
    n = len(folded)
    v = verb_length(lower, folded)
    cuts = [i for i in range(max(v, 1) + 1, n - 1) if can_cut(lower, i)]
    options = []
    if v:
        options.append(folded[v:] + folded[:v])  # verb last
    if cuts:
        i = rng.choice(cuts)
        options.append(folded[i:] + folded[:i])  # tail first
        if v and i > v + 1:
            options.append(folded[v:i] + folded[:v] + folded[i:])  # verb behind the object head
    options = [o for o in options if o != folded]
    return " ".join(rng.choice(options)) if options else None


# ---------------------------------------------------------------- abbreviations

ABBREV_PHRASES = sorted(
    ((tuple(fold(w) for w in WORD.findall(nfc(p))), a, ad) for p, a, ad in ABBREVIATIONS),
    key=lambda t: -len(t[0]),
)


def find_phrases(folded: tuple[str, ...], limit: int) -> list[tuple[int, int, str, str]]:
    """Non-overlapping (start, end, abbr, abbr_with_diacritics), leftmost first, longest at a tie."""
    found, i = [], 0
    while i < min(len(folded), limit):
        for phrase, a, ad in ABBREV_PHRASES:
            if i + len(phrase) <= limit and folded[i:i + len(phrase)] == phrase:
                found.append((i, i + len(phrase), a, ad))
                i += len(phrase)
                break
        else:
            i += 1
    return found


def abbreviate(words: list[str], spans, keep_diacritics: bool) -> str:
    out, i = [], 0
    for start, end, a, ad in spans:
        out += words[i:start] + [ad if keep_diacritics else a]
        i = end
    out += words[i:]
    return " ".join(w.lower() if keep_diacritics else fold(w) for w in out)


# ---------------------------------------------------------------- codes


def local_code(p: Procedure, rng: random.Random) -> str:
    levels = fold(p.levels)
    agency = rng.choice(PROVINCES if ("tinh" in levels or "xa" in levels) else MINISTRIES)
    if rng.random() < 0.1:
        agency = agency.lower()
    form = rng.choice(("full", "short", "undotted"))
    if form == "full":
        unit = f"{rng.randint(1, 30):02d}" if rng.random() < 0.2 else "00"
        return f"{p.code}.000.00.{unit}.{agency}"
    if form == "short":
        return f"{p.code}.{agency}"
    return f"{p.code.replace('.', '')}000000{agency}"


# ---------------------------------------------------------------- generation


def generate(cat: Catalogue) -> list[dict]:
    out: list[dict] = []

    def emit(kind: str, make, pool: list[Procedure], n: int, tag: str = "") -> None:
        rng = random.Random(f"{SEED}/{kind}{tag}")
        order = list(pool)
        rng.shuffle(order)
        seen: set[str] = set()
        for p in order:
            if len(seen) >= n:
                break
            made = make(p, rng)
            if made is None:
                continue
            query, relevant = made
            if query in seen or not query.strip():
                continue
            seen.add(query)
            assert p.code in relevant
            out.append({"query": query, "kind": kind, "target": p.code, "relevant": relevant})

    texts = [p for p in cat.procs if p.words]

    def base(p: Procedure) -> tuple[list[str], list[str], list[str]]:
        k = cat.base_len(p)
        return p.words[:k], list(p.folded[:k]), cat.relevant(p.folded[:k])

    def no_diacritics(p, rng):
        _, f, rel = base(p)
        return " ".join(f), rel

    def tone(p, rng):
        w, _, rel = base(p)
        return tone_variant(w, rng), rel

    def typos(p, rng):
        _, f, rel = base(p)
        q = with_typos(f, rng)
        return (q, rel) if q else None

    def reordered(p, rng):
        w, _, rel = base(p)
        q = reorder(w, rng)
        return (q, rel) if q else None

    emit("no_diacritics", no_diacritics, texts, COUNTS["no_diacritics"])
    # two thirds of tone_variant from bases with a word spelt two ways, the rest NFD only
    swappable = [p for p in texts if any(
        swap_tone_placement(w.lower()) or swap_i_y(w.lower()) for w in base(p)[0])]
    n_swap = COUNTS["tone_variant"] * 2 // 3
    emit("tone_variant", tone, swappable, n_swap)
    swappable_codes = {p.code for p in swappable}
    emit("tone_variant", tone, [p for p in texts if p.code not in swappable_codes],
         COUNTS["tone_variant"] - n_swap, tag="nfd")
    emit("typo", typos, texts, COUNTS["typo"])
    emit("reordered", reordered, texts, COUNTS["reordered"])

    # abbreviations: group candidates by their first phrase, at most ABBREV_CAP each
    rng = random.Random(f"{SEED}/abbreviation")
    groups: dict[str, list[Procedure]] = defaultdict(list)
    for p in texts:
        spans = find_phrases(p.folded, ABBREV_MAX_END)
        if spans:
            groups[spans[0][2]].append(p)
    seen: set[str] = set()
    abbrev_rows = []
    for abbr in sorted(groups):
        pool = groups[abbr]
        rng.shuffle(pool)
        taken = 0
        for p in pool:
            if taken >= ABBREV_CAP_GENERIC.get(abbr, ABBREV_CAP):
                break
            first = find_phrases(p.folded, ABBREV_MAX_END)[0]
            k = max(cat.base_len(p), first[1])
            spans = find_phrases(p.folded[:k], k)
            keep = rng.random() < 0.5
            query = abbreviate(p.words[:k], spans, keep)
            if query in seen:
                continue
            seen.add(query)
            taken += 1
            abbrev_rows.append({"query": query, "kind": "abbreviation", "target": p.code,
                                "relevant": cat.relevant(p.folded[:k])})
    rng.shuffle(abbrev_rows)
    out += abbrev_rows[:COUNTS["abbreviation"]]

    emit("code_dotted", lambda p, rng: (p.code, [p.code]), cat.procs, COUNTS["code_dotted"])
    emit("code_undotted", lambda p, rng: (p.code.replace(".", ""), [p.code]), cat.procs,
         COUNTS["code_undotted"])
    emit("code_local", lambda p, rng: (local_code(p, rng), [p.code]), cat.procs,
         COUNTS["code_local"])

    for query, target, relevant in HANDWRITTEN:
        missing = [c for c in [target, *relevant] if c not in cat.by_code]
        if missing or target not in relevant:
            raise SystemExit(f"handwritten {query!r}: unknown codes {missing} or target not relevant")
        out.append({"query": query, "kind": "handwritten", "target": target, "relevant": relevant})
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--catalog", type=Path, default=CATALOG)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--stats", action="store_true", help="print counts and examples per kind")
    args = ap.parse_args()

    cat = Catalogue(load(args.catalog))
    rows = generate(cat)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="\n") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    counts = Counter(r["kind"] for r in rows)
    print(f"{len(rows)} queries -> {args.out}: "
          + ", ".join(f"{k} {v}" for k, v in counts.items()), file=sys.stderr)
    if args.stats:
        for kind in counts:
            ex = [r for r in rows if r["kind"] == kind]
            multi = sum(len(r["relevant"]) > 1 for r in ex)
            print(f"\n{kind}: {len(ex)} queries, {multi} with >1 relevant, "
                  f"mean {sum(len(r['query']) for r in ex) / len(ex):.1f} chars")
            for r in ex[:6]:
                print(f"  {r['query']!r} -> {r['target']} ({len(r['relevant'])} relevant)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
