# tests/docs: the documentation against the tree.  Links, paths, excerpts
# of files and citations of documents outside the repository
# (check_docs.py says what each is), and the pictures of docs/ drawn
# again by the inspector.
TESTS += test-docs
.PHONY: test-docs
HELP_test-docs := README and docs/: links and paths exist, excerpts and pictures match what makes them, every test listed, nothing cited from outside

test-docs: $(BUILD)/pmm-inspect
	$(Q)$(PYTHON) tests/docs/check_docs.py --inspect $(BUILD)/pmm-inspect
