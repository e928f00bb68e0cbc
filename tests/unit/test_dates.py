import datetime as dt

import pytest

from toasoan.dates import DateError, iso, parse_date, timezone

HCM = timezone("Asia/Ho_Chi_Minh")


def test_editor_form_is_read_in_site_time_zone():
    moment = parse_date("2021-01-21 17:49", HCM)
    assert iso(moment) == "2021-01-21T17:49:00+07:00"


def test_date_without_time_means_midnight():
    assert iso(parse_date("2026-03-14", HCM)) == "2026-03-14T00:00:00+07:00"


def test_iso_with_offset_keeps_its_offset():
    assert iso(parse_date("2026-03-14T08:30:00+09:00", HCM)) == "2026-03-14T08:30:00+09:00"
    assert iso(parse_date("2026-03-14T01:30:00Z", HCM)) == "2026-03-14T01:30:00+00:00"


def test_yaml_datetime_objects_are_accepted():
    assert iso(parse_date(dt.datetime(2026, 3, 14, 8, 30), HCM)) == "2026-03-14T08:30:00+07:00"
    assert iso(parse_date(dt.date(2026, 3, 14), HCM)) == "2026-03-14T00:00:00+07:00"


def test_other_time_zone_setting():
    paris = timezone("Europe/Paris")
    assert iso(parse_date("2026-07-01 10:00", paris)) == "2026-07-01T10:00:00+02:00"


@pytest.mark.parametrize("value", ["2026-13-45", "2026-02-30 10:00", "2026-03-14 25:00",
                                   "14/03/2026", "hôm qua", "", 750, True, None, ["2026-03-14"]])
def test_impossible_or_unreadable_dates_are_refused(value):
    with pytest.raises(DateError):
        parse_date(value, HCM)


def test_impossible_date_message_says_what_is_expected():
    with pytest.raises(DateError, match=r'"2026-13-45 10:00" is not a date.*YYYY-MM-DD HH:MM'):
        parse_date("2026-13-45 10:00", HCM)


def test_unknown_time_zone_is_named():
    with pytest.raises(DateError, match="Mars/Olympus"):
        timezone("Mars/Olympus")
