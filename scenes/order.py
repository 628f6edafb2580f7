"""The chapter's scenes in order: the one list that render.sh, the slides and the tests use.

Each entry: (chapter marker title, module file under scenes/, scene class).
"""

from __future__ import annotations

CHAPTER: tuple[tuple[str, str, str], ...] = (
    ("Transformers, the tech behind LLMs", "intro.py", "TitleScene"),
    ("Predict, sample, repeat", "generation.py", "PredictSampleRepeatScene"),
    ("A weaker predictor, a stronger one", "size.py", "WeakVsStrongScene"),
    ("From predictor to chatbot", "chat.py", "ChatbotScene"),
    ("Inside a transformer", "intro.py", "DataFlowScene"),
    ("Machine learning: data decides", "intro.py", "WeightsVsDataScene"),
    ("Tokens and the embedding matrix", "tokens.py", "TokensScene"),
    ("Tokens beyond text", "beyond_text.py", "TokensBeyondTextScene"),
    ("A 3-D slice of word space", "embedding.py", "EmbeddingSpaceScene"),
    ("Similar meanings, nearby vectors", "similar.py", "SimilarWordsScene"),
    ("Vector arithmetic", "embedding.py", "EmbeddingArithmeticScene"),
    ("The dot product", "plurality.py", "PluralityScene"),
    ("Embeddings beyond words: context", "context.py", "ContextSizeScene"),
    ("Unembedding", "unembedding.py", "UnembeddingScene"),
    ("Counting parameters", "tally.py", "ParameterTallyScene"),
    ("Softmax", "softmax.py", "SoftmaxScene"),
    ("Softmax with temperature", "softmax.py", "TemperatureScene"),
    ("The foundations, and up next: attention", "outro.py", "UpNextScene"),
)

if __name__ == "__main__":  # used by render.sh: "file scene title" per line
    for title, module, scene in CHAPTER:
        print(f"{module}\t{scene}\t{title}")
