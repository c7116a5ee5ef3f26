"""The shared SVG charts (tandem.reports.charts): the right number of bars, a title, a
description and a table with the same numbers; labels escaped; mirrored for right to left."""

import re

from tandem.reports import charts


def test_bar_chart_has_one_bar_per_non_zero_row_and_a_table():
    chart = charts.bar_chart([("Yes", 6), ("No", 3), ("Not sure", 0)], title="Key person?", desc="d", total=9)
    svg = str(chart.svg)
    assert svg.count('class="bar"') == 2 == chart.bars
    assert "<title" in svg and "<desc" in svg and 'role="img"' in svg
    assert chart.rows == [["Yes", "6", "67%"], ["No", "3", "33%"], ["Not sure", "0", "0%"]]


def test_labels_are_escaped():
    chart = charts.bar_chart([("<script>x</script>", 1)], title="A & B")
    assert "<script>" not in str(chart.svg) and "&lt;script&gt;" in str(chart.svg) and "A &amp; B" in str(chart.svg)


def test_stacked_bars_have_a_segment_per_answered_point():
    chart = charts.stacked_bar_chart(
        [("Q1", [1, 0, 2, 3, 4]), ("Q2", [0, 0, 0, 0, 5])], segments=list("abcde"), title="t"
    )
    assert str(chart.svg).count('class="bar"') == 5 == chart.bars
    assert chart.headers == ["", "a", "b", "c", "d", "e"]


def test_line_chart_draws_points_and_skips_missing_rounds():
    chart = charts.line_chart(
        [("Welcome", [50, 75, None]), ("Listened to", [20, None, 60])], x_labels=["1", "2", "3"], title="t"
    )
    svg = str(chart.svg)
    assert chart.bars == 4 and svg.count('class="point"') == 4
    assert chart.rows[0] == ["Welcome", "50%", "75%", "—"]


def test_right_to_left_mirrors_the_bars():
    ltr = charts.bar_chart([("نعم", 5)], title="t", width=600)
    rtl = charts.bar_chart([("نعم", 5)], title="t", width=600, rtl=True)
    x_ltr = float(re.search(r'class="bar" x="([\d.]+)"', str(ltr.svg)).group(1))
    x_rtl = float(re.search(r'class="bar" x="([\d.]+)"', str(rtl.svg)).group(1))
    assert x_ltr < 300 < 600 - x_rtl + 1 or x_rtl < x_ltr + 1  # the bar starts on the other side
    assert 'text-anchor="start"' in str(rtl.svg)


def test_scale_colours_have_enough_contrast_on_white():
    def luminance(hex_colour):
        rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    for colour in [*charts.SCALE_COLOURS, *charts.SERIES_COLOURS, charts.BAR]:
        assert (1.05) / (luminance(colour) + 0.05) >= 3, colour
    assert 1.05 / (luminance(charts.INK) + 0.05) >= 7
