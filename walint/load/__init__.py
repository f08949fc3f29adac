"""Reading YAML and JSON files into plain values, with a source map from every value to its place."""

from walint.load.loader import MAX_FILE_BYTES, LoadedFile, load_bytes
from walint.load.source import LoadProblem, Position, Range
from walint.load.source_map import SourceMap

__all__ = ["MAX_FILE_BYTES", "LoadProblem", "LoadedFile", "Position", "Range", "SourceMap", "load_bytes"]
