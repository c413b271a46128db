"""The assessment framework as data: schema (what a framework file may say), loader (files and
JSON to a validated Framework), rules (the computations a check may ask for) and evaluate (answers
+ project facts + cost lines -> findings, topic scores, a level). No database access here: the same
code serves the pages, the API and the benchmark."""
