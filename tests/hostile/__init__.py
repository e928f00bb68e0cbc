"""The hostile corpus: inputs an attacker would write into an article, generated."""
