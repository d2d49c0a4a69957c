"""Stage 5 of 7: the handbook in other formats — BPMN 2.0 out and in, the JSON Schema for editors,
CODEOWNERS, the PDF."""
