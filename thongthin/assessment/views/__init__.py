"""Pages of the assessment app: the LAO's workspace (workspace.py), reports and sharing
(reports.py), the auditors' dashboard (dashboard.py) and the content editor (frameworks.py)."""
