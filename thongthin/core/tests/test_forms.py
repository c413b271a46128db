import datetime as dt

from django import forms

from thongthin.core.forms import ThaiDateField


class _Form(forms.Form):
    day = ThaiDateField(label="วันที่")


def test_thai_date_field_reads_be_input():
    form = _Form({"day": "15 มี.ค. 2567"})
    assert form.is_valid()
    assert form.cleaned_data["day"] == dt.date(2024, 3, 15)


def test_thai_date_field_refuses_impossible_dates_with_a_thai_message():
    form = _Form({"day": "30/02/2567"})
    assert not form.is_valid()
    assert "ไม่มีวันที่นี้" in form.errors["day"][0]


def test_thai_date_field_renders_be():
    html = str(_Form(initial={"day": dt.date(2024, 3, 15)})["day"])
    assert 'value="15/03/2567"' in html
    assert "พ.ศ." in html
