"""Business cases as option appraisals (file format 2): options side by side with cost lines,
offsets and benefit lines by year, optimism bias, Green Book discounting, NPV and payback.

``model`` holds a case, ``rules`` says what is wrong with one, ``engine`` works out its figures.
Format 1 cases (``realise.finance.model``) are a subset: their layers, levels and release points
are carried whole and earn by format 1's own rules.
"""
