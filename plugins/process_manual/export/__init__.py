"""Exchange formats: BPMN 2.0 out (with a diagram layout) and in."""
