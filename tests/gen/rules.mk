# tests/gen/rules.mk - the generator (gen/) and the sweep's report
TESTS += test-gen
HELP_test-gen := the generator: TOML errors with lines, rules against the compiler, files written once; the report

.PHONY: test-gen
test-gen:
	@mkdir -p $(BUILD)
	$(Q)$(GEN_PYTHON) tests/gen/run.py > $(BUILD)/test-gen.log 2>&1; status=$$?; \
		tail -n 20 $(BUILD)/test-gen.log; exit $$status
