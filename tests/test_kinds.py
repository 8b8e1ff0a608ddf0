"""Each rule kind, positive and negative, on rules written for the test."""

from copylint import lint_text


def rules_of(findings):
    return [(f.rule, f.match) for f in findings]


def test_existence_literal_and_regex_tokens(make_rules):
    rules = make_rules("""
        rules:
          - id: t.banned
            kind: existence
            level: warning
            description: test
            ignorecase: true
            tokens: [breaking news, 'utili[sz]e']
            exceptions: ['breaking news desk']
    """)
    found = rules_of(lint_text("BREAKING NEWS: they utilize it. The breaking news desk.", rules))
    assert found == [("t.banned", "BREAKING NEWS"), ("t.banned", "utilize")]
    assert lint_text("Breakingnews and utilized are other words.", rules) == []


def test_existence_is_case_sensitive_by_default(make_rules):
    rules = make_rules("""
        rules:
          - {id: t.x, kind: existence, level: error, description: d, tokens: [Internet]}
    """)
    assert rules_of(lint_text("Internet and internet", rules)) == [("t.x", "Internet")]


def test_substitution_preserves_case_and_respects_exceptions(make_rules):
    rules = make_rules("""
        rules:
          - id: t.kyiv
            kind: substitution
            level: warning
            description: d
            ignorecase: true
            swap: {Kiev: Kyiv}
            exceptions: ['chicken\\s+Kiev']
    """)
    found = lint_text("KIEV. Kiev's mayor. kiev. Chicken Kiev for lunch. Kyiv.", rules)
    assert [(f.match, f.fix) for f in found] == [("KIEV", "KYIV"), ("Kiev", "Kyiv"), ("kiev", "kyiv")]
    assert found[0].message == "Use 'KYIV' instead of 'KIEV'."


def test_substitution_whole_words_only(make_rules):
    rules = make_rules("""
        rules:
          - {id: t.s, kind: substitution, level: warning, description: d, swap: {Kiev: Kyiv}}
    """)
    assert lint_text("Kievan Rus and Kieve are not Kiev", rules)[0].offset == len("Kievan Rus and Kieve are not ")
    assert len(lint_text("Kievan Rus and Kieve", rules)) == 1 - 1


def test_substitution_alternatives_are_suggestions_not_fixes(make_rules):
    rules = make_rules("""
        rules:
          - {id: t.s, kind: substitution, level: suggestion, description: d, swap: {utilize: use|employ}}
    """)
    (f,) = lint_text("We utilize it.", rules)
    assert f.fix is None and f.suggestion == "'use' or 'employ'"


def test_consistency_flags_minority_and_points_at_majority(make_rules):
    rules = make_rules("""
        rules:
          - id: t.z
            kind: consistency
            level: error
            description: d
            message: "'%s' but '%s' on {other}"
            groups: [[Zelenskyy, Zelensky, Zelenskiy]]
    """)
    text = "Zelensky spoke.\nZelensky left.\nThen Zelenskiy returned."
    (f,) = lint_text(text, rules)
    assert (f.match, f.line, f.fix, f.message) == ("Zelenskiy", 3, "Zelensky", "'Zelenskiy' but 'Zelensky' on line 1")
    assert lint_text("Zelensky spoke. Zelensky left.", rules) == []


def test_consistency_prefer_first_and_vale_either(make_rules):
    rules = make_rules("""
        rules:
          - {id: t.c, kind: consistency, level: error, description: d, prefer: first, either: {Kyiv: Kiev}}
    """)
    found = lint_text("Kiev, Kiev and Kyiv.", rules)
    assert [f.match for f in found] == ["Kiev", "Kiev"]


def test_repetition_words(make_rules):
    rules = make_rules("""
        rules:
          - {id: t.r, kind: repetition, level: error, description: d, allow: [had], always: [the]}
    """)
    found = lint_text("The the plan went to to the east\nEast. It was the\nthe end. He had had enough. "
                      "Walla Walla.\n\nto\n\nto", rules)
    assert [(f.match, f.fix) for f in found] == [("The the", "The"), ("to to", "to"), ("the\nthe", "the")]


def test_repetition_fragment(make_rules):
    rules = make_rules("""
        rules:
          - {id: t.f, kind: repetition, target: fragment, level: error, description: d}
    """)
    (f,) = lint_text("It was the target of a series of bombings. bomb. Later it calmed.", rules)
    assert f.match == " bomb." and f.fix == ""
    assert lint_text("It was the target of bombings. Bombs fell again. It ended.", rules) == []
    assert lint_text("He cited bombings. nothing else.", rules) == []


def test_punctuation_pattern_and_replacement(make_rules):
    rules = make_rules("""
        rules:
          - id: t.p
            kind: punctuation
            level: error
            description: d
            pattern: '(\\w),,'
            replace: '\\1,'
    """)
    (f,) = lint_text("Officials,, said.", rules)
    assert (f.match, f.fix) == ("s,,", "s,")


def test_attribution_order(make_rules):
    rules = make_rules("""
        rules:
          - id: t.a
            kind: attribution
            mode: order
            level: error
            description: d
            verbs: [said, told]
            modifiers: [Ukrainian, Russian]
            followers: [early, "on"]
    """)
    (f,) = lint_text("Attacks were repelled, the army said Ukrainian early on Tuesday.", rules)
    assert f.match == "Ukrainian" and f.fix is None
    assert lint_text("The army said Ukrainian troops held. He told Russian television.", rules) == []


def test_attribution_loaded_is_never_a_fix(make_rules):
    rules = make_rules("""
        rules:
          - id: t.l
            kind: attribution
            mode: loaded
            level: suggestion
            description: d
            swap: {claimed: said}
            not-followed-by: [responsibility]
            not-preceded-by: [was]
    """)
    (f,) = lint_text("He claimed the ministry lied. They claimed responsibility. It was claimed.", rules)
    assert (f.match, f.suggestion, f.fix) == ("claimed", "said", None)


def test_message_placeholders(make_rules):
    rules = make_rules("""
        rules:
          - {id: t.m, kind: substitution, level: warning, description: d, message: "{match} -> {suggestion} (%s)", swap: {a: b}}
    """)
    assert lint_text("a", rules)[0].message == "a -> b (b)"


def test_exceptions_from_borrows_other_rules_exceptions(make_rules):
    rules = make_rules("""
        rules:
          - {id: p.kyiv, kind: substitution, level: warning, description: d, ignorecase: true,
             swap: {Kiev: Kyiv}, exceptions: ['chicken\\s+Kiev']}
          - {id: p.mixed, kind: consistency, level: error, description: d, prefer: first,
             groups: [[Kyiv, Kiev]], exceptions-from: ['p.*']}
    """)
    found = [(f.rule, f.match) for f in lint_text("In Kyiv. Chicken Kiev. Kiev fell.", rules)]
    # chicken Kiev is exempt from both; the last Kiev is reported once, at the higher level
    assert found == [("p.mixed", "Kiev")]
    alone = rules.select(lambda r: r.id == "p.mixed")  # borrowed even when selected alone
    assert [f.offset for f in lint_text("In Kyiv. Chicken Kiev. Kiev fell.", alone)] == [23]
