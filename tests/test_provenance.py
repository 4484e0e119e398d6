"""No text copied from the development corpora lives in the project.

The corpora in ../shared (the seed article, data/geoparsing, data/events) are for measuring
only: ../shared/data/README.md forbids copying them, or rows from them, into the repository.
This check fails when a test, a fixture, an example, a notebook or the package's own source
(code, comments, docstrings, word lists) holds a run of 8 or more consecutive words
(lower-cased, punctuation stripped) that also occurs in a development text. The checker is
tested here on small invented texts; the check itself reads ../shared at test time and
skips when it is absent.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from .conftest import SHARED

ROOT = Path(__file__).resolve().parents[1]
RUN = 8  # consecutive words that count as copied

# folder of the project -> the files in it that are checked
CHECKED = {
    "examples": ("**/*",),
    "geoevents": ("**/*.py", "data/**/*"),
    "notebooks": ("*.ipynb",),
    "tests": ("**/*.py", "fixtures/**/*"),
}
TEXT_SUFFIXES = {".py", ".ipynb", ".json", ".jsonl", ".csv", ".txt", ".md", ".html"}

_WORD = re.compile(r"[^\W_]+")  # letters and digits of any script; "_" separates words
# an escape in source text (\n, \u2019, \") would glue two words: blank it, same length
_ESCAPE = re.compile(r"\\(?:u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)")


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, without punctuation."""
    return [w.lower() for w in _WORD.findall(text)]


def shingles(text: str, *, size: int = RUN) -> set[int]:
    """Hashes of every run of ``size`` consecutive words of ``text``."""
    tokens = words(text)
    return {hash(tuple(tokens[i : i + size])) for i in range(len(tokens) - size + 1)}


def copied_runs(text: str, corpus: set[int], *, size: int = RUN) -> list[tuple[int, str]]:
    """The runs of ``size`` or more words of ``text`` found in ``corpus`` (shingle hashes):
    (line where the run starts, its words), in order."""
    text = _ESCAPE.sub(lambda m: " " * len(m.group()), text)
    found = list(_WORD.finditer(text))
    tokens = [m.group().lower() for m in found]
    hit = [hash(tuple(tokens[i : i + size])) in corpus for i in range(len(tokens) - size + 1)]
    runs = []
    i = 0
    while i < len(hit):
        if hit[i]:
            j = i
            while j + 1 < len(hit) and hit[j + 1]:
                j += 1
            line = text.count("\n", 0, found[i].start()) + 1
            runs.append((line, " ".join(tokens[i : j + size])))
            i = j
        i += 1
    return runs


def development_texts(shared: Path) -> Iterator[str]:
    """The seed article and the ``text`` of every record of every corpus under ``shared``."""
    seed = shared / "seed" / "article.txt"
    if seed.is_file():
        yield seed.read_text(encoding="utf-8")
    data = shared / "data"
    for path in sorted(data.glob("**/*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    record = json.loads(line)  # one document, or a list of them
                    for doc in record if isinstance(record, list) else [record]:
                        yield doc.get("text") or ""
    for path in sorted(data.glob("**/*.csv")):
        with path.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                yield row.get("text") or ""


class Shingles(set):
    """A set of shingle hashes that prints short in a failure report."""

    def __repr__(self) -> str:
        return f"<{len(self):,} hashed runs of {RUN} words>"


def corpus_shingles(texts: Iterable[str]) -> Shingles:
    corpus = Shingles()
    for text in texts:
        corpus |= shingles(text)
    return corpus


def project_files(root: Path, folder: str) -> list[Path]:
    """The checked text files of ``root/folder``."""
    return sorted(
        {
            path
            for pattern in CHECKED[folder]
            for path in (root / folder).glob(pattern)
            if path.is_file()
            and path.suffix in TEXT_SUFFIXES
            and "__pycache__" not in path.parts
            and ".ipynb_checkpoints" not in path.parts
        }
    )


def find_copies(root: Path, folder: str, corpus: set[int]) -> list[str]:
    """``path:line: words`` for every copied run in the checked files of ``root/folder``."""
    return [
        f"{path.relative_to(root)}:{line}: {run}"
        for path in project_files(root, folder)
        for line, run in copied_runs(path.read_text(encoding="utf-8", errors="replace"), corpus)
    ]


# ------------------------------------------------------------ the checker, on invented text

FERRY = "On 3 March the ferry from Little Harbour to Gull Island was cancelled because of fog."
LIGHTHOUSE = "Volunteers in Eastbridge repainted the old lighthouse over two long weekends."


def test_a_planted_copy_fails_the_check_with_its_file_and_line(tmp_path):
    corpus = corpus_shingles([FERRY, LIGHTHOUSE])
    planted = tmp_path / "tests" / "test_planted.py"
    planted.parent.mkdir()
    planted.write_text(
        "def test_ferry():\n"
        '    text = "The ferry from Little Harbour to Gull Island was cancelled, they said."\n',
        encoding="utf-8",
    )
    (tmp_path / "tests" / "test_own.py").write_text(
        '"""The ferry from Gull Island to Little Harbour sailed at noon on Monday."""\n',
        encoding="utf-8",
    )
    assert find_copies(tmp_path, "tests", corpus) == [
        "tests/test_planted.py:2: the ferry from little harbour to gull island was cancelled"
    ]


def test_seven_words_are_not_a_copy():
    corpus = shingles(LIGHTHOUSE)
    assert copied_runs("Volunteers in Eastbridge repainted the old lighthouse.", corpus) == []
    assert copied_runs("volunteers in eastbridge repainted the old lighthouse over", corpus)


def test_case_punctuation_line_breaks_and_escapes_do_not_hide_a_copy():
    corpus = shingles(LIGHTHOUSE)
    source = (
        "CASES = [\n"
        '    ("VOLUNTEERS in Eastbridge -- repainted "\n'
        '     "the old\\nlighthouse, over two", 1),\n'
        "]\n"
    )
    assert copied_runs(source, corpus) == [
        (2, "volunteers in eastbridge repainted the old lighthouse over two")
    ]
    notebook_cell = (
        '   "source": [\n'
        '    "# Volunteers in Eastbridge repainted\\n",\n'
        '    "the old lighthouse over \\u201ctwo long\\u201d weekends"\n'
    )
    assert copied_runs(notebook_cell, corpus) == [
        (2, "volunteers in eastbridge repainted the old lighthouse over two long weekends")
    ]


def test_words_across_two_documents_or_reordered_are_not_a_copy():
    corpus = corpus_shingles([FERRY, LIGHTHOUSE])
    assert copied_runs("cancelled because of fog. Volunteers in Eastbridge repainted", corpus) == []
    assert copied_runs("The ferry from Gull Island to Little Harbour was cancelled", corpus) == []


def test_any_script():
    corpus = shingles("Волонтери у Східному Мості пофарбували старий маяк за два довгі вихідні.")
    text = "Кажуть, волонтери у Східному Мості пофарбували старий маяк за два тижні."
    assert copied_runs(text, corpus) == [
        (1, "волонтери у східному мості пофарбували старий маяк за два")
    ]


def test_development_texts_reads_every_corpus_kind(tmp_path):
    (tmp_path / "seed").mkdir()
    (tmp_path / "seed" / "article.txt").write_text(FERRY, encoding="utf-8")
    (tmp_path / "data" / "geoparsing").mkdir(parents=True)
    (tmp_path / "data" / "events").mkdir()
    with gzip.open(tmp_path / "data" / "geoparsing" / "docs.jsonl.gz", "wt") as fh:
        fh.write(json.dumps({"doc_id": "a", "text": "Doc one."}) + "\n\n")
        fh.write(json.dumps({"doc_id": "b", "text": "Doc two."}) + "\n")
    with gzip.open(tmp_path / "data" / "events" / "sentences.jsonl.gz", "wt") as fh:
        fh.write(json.dumps([{"text": "Sentence one."}, {"text": "Sentence two."}]))
    (tmp_path / "data" / "events" / "rows.csv").write_text(
        'id,text,location_name\n1,"Row one, quoted.",Eastbridge\n', encoding="utf-8"
    )
    assert list(development_texts(tmp_path)) == [
        FERRY, "Sentence one.", "Sentence two.", "Doc one.", "Doc two.", "Row one, quoted."
    ]  # fmt: skip


# ----------------------------------------------------- the check, on the real corpora


@pytest.fixture(scope="module")
def development_shingles() -> Shingles:
    if not (SHARED / "seed").is_dir() and not (SHARED / "data").is_dir():
        pytest.skip(f"{SHARED} is absent: no development corpora to compare with")
    return corpus_shingles(development_texts(SHARED))


@pytest.mark.integration  # reads about 13 MB of corpus text (a few seconds)
@pytest.mark.parametrize("folder", sorted(CHECKED))
def test_no_development_text_is_copied_into(folder, development_shingles):
    copies = find_copies(ROOT, folder, development_shingles)
    assert not copies, (
        f"{len(copies)} run(s) of {RUN}+ words copied from the development corpora in "
        f"{SHARED} (measurement only): replace them with invented text\n" + "\n".join(copies)
    )
