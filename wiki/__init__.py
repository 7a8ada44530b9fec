"""The wiki: practice pages on one fixed template, their taxonomy and the glossary."""
