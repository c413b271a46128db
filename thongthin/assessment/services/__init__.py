"""Writes for the assessment app: frameworks (load from files, draft, edit, publish) and
assessments (create, answer, cost lines, evidence, submit, return, sign off, revise, share)."""
