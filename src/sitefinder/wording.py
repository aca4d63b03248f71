"""Every fixed phrase a person reads, in English and Chinese: labels, status words, footers, hints.

The core decides what to say (a count, a status, a command to try); this catalogue says it in the
language asked for (`--lang zh`, the default when the query is Chinese). One dict, no gettext:
two languages, and importing gettext's machinery would cost start-up time for every run.
A phrase missing in Chinese falls back to English rather than failing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sitefinder.text import ECHO_LIMIT, clipped, fold, has_cjk, quoted, site_id_written, written_as_number

if TYPE_CHECKING:
    import re

LANGUAGES = ("en", "zh")


def locale_language(environ: Mapping[str, str]) -> str | None:
    """"zh" when the locale a person set asks for Chinese messages, else None (the script typed decides).

    The order is POSIX's (the first non-empty of LC_ALL, LC_MESSAGES, LANG), then GNU gettext's
    LANGUAGE list, which it too ignores in the C locale: a patient in China whose terminal says
    zh_CN.UTF-8 reads Chinese even when typing pinyin (`near Kunshan`). Any other language is None,
    not "en", so a Chinese query from an English terminal is still answered in Chinese.
    """
    return "zh" if _locale_name(environ).casefold().startswith("zh") else None


def _locale_name(environ: Mapping[str, str]) -> str:
    """The locale whose messages a person asked for (see locale_language), or "" for none."""
    locale = next((environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(name)), "")
    if locale.split(".")[0] in ("", "C", "POSIX"):
        return ""
    return (environ.get("LANGUAGE") or "").split(":")[0] or locale


# `--lang`: the language, and for Chinese which characters: zh those of the locale (Traditional
# under zh_TW, zh_HK, zh_MO, zh_Hant), zh-CN Simplified (every place), zh-TW Taiwan's Traditional,
# zh-HK Hong Kong's.
LANG_CHOICES = ("en", "zh", "zh-CN", "zh-TW", "zh-HK")


def for_trials(key: str, many: bool) -> str:
    """The phrase of `key` for a dataset of many trials (`key`.many: "no trial of this dataset"), or for one."""
    return f"{key}.many" if many and f"{key}.many" in MESSAGES else key


def spoken_language(asked: str) -> str:
    """The catalogue's language of a `--lang` value: "zh" for every Chinese one."""
    return "zh" if asked.casefold().startswith("zh") else "en"


def traditional_script(name: str) -> str | None:
    """The Traditional characters a locale or language tag asks for: "tw" (Taiwan's standard: zh_TW,
    zh_Hant, zh-Hant-TW), "hk" (Hong Kong's, which Macau writes too: zh_HK, zh_MO, zh-Hant-HK), else
    None (zh_CN, zh_SG, zh-Hans, any other language: Simplified, or no Chinese at all)."""
    parts = name.split(".")[0].split("@")[0].replace("-", "_").casefold().split("_")
    if parts[0] != "zh" or "hans" in parts:
        return None
    if "hk" in parts or "mo" in parts:
        return "hk"
    return "tw" if "tw" in parts or "hant" in parts else None


def chosen_script(asked: str | None, environ: Mapping[str, str]) -> str | None:
    """Whether people's words are shown in Traditional characters ("tw", "hk") or not (None): by
    `--lang` (zh-TW, zh-HK; zh-CN never), else, for `--lang zh`, `--lang en` (English words, and
    any Chinese among them, a name typed, in the locale's characters) or none, by the locale."""
    if asked is not None and asked.casefold() not in ("zh", "en"):
        return traditional_script(asked)
    return traditional_script(_locale_name(environ))


def locale_area(asked: str | None, environ: Mapping[str, str]) -> str:
    """The region of China whose places a person means first ("HK", "MO", "TW"), by `--lang`
    (zh-HK, zh-TW) else by the locale (zh_HK, zh_MO, zh_TW); "" for any other (the mainland's first)."""
    name = asked if asked is not None and asked.casefold() not in ("zh", "en") else _locale_name(environ)
    parts = name.split(".")[0].split("@")[0].replace("-", "_").casefold().split("_")
    return next((code.upper() for code in ("hk", "mo", "tw") if code in parts[1:]), "") if parts[0] == "zh" else ""


def wants_chinese(lang: str | None, typed: str) -> bool:
    """Whether an answer is in Chinese: the language asked for (`--lang`, the locale), else the script typed."""
    return lang == "zh" or (lang is None and has_cjk(typed))


def language_of(lang: str | None, typed: str) -> str:
    """The catalogue's language for an answer to `typed`: "zh" or "en" (wants_chinese)."""
    return "zh" if wants_chinese(lang, typed) else "en"

# Registry statuses as people say them. English is status.STATUS_WORDS; these are the Chinese
# words the Chinese registry (ChiCTR) and hospitals' trial notices use.
STATUS_WORDS_ZH = {
    "RECRUITING": "正在招募", "NOT_YET_RECRUITING": "尚未开始招募", "ACTIVE_NOT_RECRUITING": "进行中，不再招募",
    "ENROLLING_BY_INVITATION": "仅限受邀者入组", "COMPLETED": "已完成", "SUSPENDED": "已暂停",
    "TERMINATED": "已终止", "WITHDRAWN": "已撤销", "AVAILABLE": "可申请", "NO_LONGER_AVAILABLE": "不再提供",
    "TEMPORARILY_NOT_AVAILABLE": "暂不提供", "APPROVED_FOR_MARKETING": "已获批上市", "WITHHELD": "未公开",
    "UNKNOWN": "状态不明",
}
# Other Chinese wordings of a status, read by --status (never shown): Taiwan's registry and hospitals
# say 招募中 and 尚未招募 where the mainland says 正在招募 and 尚未开始招募. Written in Simplified
# characters: Traditional ones are read as Simplified first (OpenCC's table, as for places).
STATUS_ALIASES_ZH = {"招募中": "RECRUITING", "招募进行中": "RECRUITING", "尚未招募": "NOT_YET_RECRUITING"}

MESSAGES: dict[str, dict[str, str]] = {
    # table headers and field labels
    "label.id": {"en": "ID", "zh": "编号"},
    "label.facility": {"en": "Facility", "zh": "医院"},
    "label.city": {"en": "City", "zh": "城市"},
    "label.province": {"en": "Province", "zh": "省份"},
    "label.status": {"en": "Status", "zh": "状态"},
    "label.km": {"en": "km", "zh": "公里"},
    "label.investigator": {"en": "Investigator", "zh": "研究者"},
    "label.call": {"en": "Call", "zh": "联系电话"},
    "label.site": {"en": "Site", "zh": "研究中心"},
    "label.location": {"en": "Location", "zh": "地点"},
    "label.contacts": {"en": "Contacts", "zh": "联系人"},
    "label.coordinates": {"en": "Coordinates", "zh": "坐标"},
    "label.note": {"en": "Note", "zh": "备注"},
    "label.trial": {"en": "Trial", "zh": "试验"},
    "label.trial_contact": {"en": "Trial contact", "zh": "试验联系人"},
    "label.data": {"en": "Data", "zh": "数据"},
    "label.can_join": {"en": "Can join", "zh": "可以参加"},
    "label.cannot_join": {"en": "Cannot join", "zh": "不能参加"},
    "label.start": {"en": "Start", "zh": "开始日期"},
    "label.expected_completion": {"en": "Expected completion", "zh": "预计完成日期"},
    "label.completed": {"en": "Completed", "zh": "完成日期"},
    "label.ages": {"en": "Ages", "zh": "年龄"},
    "label.sex": {"en": "Sex", "zh": "性别"},
    "label.summary": {"en": "In short", "zh": "简介"},
    # status as of the data date
    "status.as_of": {"en": "{status} as of {date} ({age})", "zh": "{status}（截至 {date}，{age}）"},
    "status.every": {"en": "Status of all {count:site}: {status}", "zh": "全部 {count} 个研究中心的状态：{status}"},
    "status.one": {"en": "Status: {status}", "zh": "状态：{status}"},
    # a trial every row of a dataset of many shares, said once above the table as a shared status is
    "trial.every": {"en": "Trial of all {count:site}: {trial}", "zh": "全部 {count} 个研究中心的试验：{trial}"},
    "trial.one": {"en": "Trial: {trial}", "zh": "试验：{trial}"},
    "status.trial_suffix": {"en": "{status} (trial)", "zh": "{status}（试验）"},
    "age.days": {"en": "{count} day{s} old", "zh": "{count} 天前的数据"},
    # footnotes under a table: what "(trial)" means, by what the trial's status lets a patient do
    "note.trial_status.not_yet": {
        "en": '"(trial)": the registry gives no status for the site, so the trial\'s overall status is shown; '
              "ask the site whether it has opened.",
        "zh": "“（试验）”：登记处未给出该中心的状态，显示的是整个试验的状态；请向该中心确认是否已开始招募。"},
    "note.trial_status.open": {
        "en": '"(trial)": the registry gives no status for the site, so the trial\'s overall status is shown; '
              "ask the site whether it is enrolling.",
        "zh": "“（试验）”：登记处未给出该中心的状态，显示的是整个试验的状态；请向该中心确认是否正在入组。"},
    "note.trial_status.closed": {
        "en": '"(trial)": the registry gives no status for the site, so the trial\'s overall status is shown: '
              "the trial is no longer enrolling.",
        "zh": "“（试验）”：登记处未给出该中心的状态，显示的是整个试验的状态：该试验已不再入组。"},
    "note.trial_status.unknown": {
        "en": '"(trial)": the registry gives no status for the site, so the trial\'s overall status is shown.',
        "zh": "“（试验）”：登记处未给出该中心的状态，显示的是整个试验的状态。"},
    # a site's own "Recruiting" set aside because its trial no longer enrols (status.effective_status)
    "note.trial_status.set_aside.closed": {
        "en": '"(trial)": the site\'s own entry says "{site_status}", but the trial as a whole is "{trial_status}", '
              "so the trial's status is shown: it is no longer enrolling.",
        "zh": "“（试验）”：该中心自己的条目写着“{site_status}”，但整个试验为“{trial_status}”，因此显示试验的状态："
              "该试验已不再入组。"},
    "note.trial_status.set_aside.unknown": {
        "en": '"(trial)": the site\'s own entry says "{site_status}", but the trial as a whole is "{trial_status}" '
              "(its sponsor has not confirmed it for two years or more), so the trial's status is shown; "
              "ask the site whether it still enrols.",
        "zh": "“（试验）”：该中心自己的条目写着“{site_status}”，但整个试验为“{trial_status}”（申办方两年以上未确认其状态），"
              "因此显示试验的状态；请向该中心确认是否仍在入组。"},
    "notice.limit_left_out": {
        "en": "{count} more site{s} within {km} km not shown (--limit {limit}); to see them too: {command}",
        "zh": "另有 {count} 个研究中心在 {km} 公里内，因 --limit {limit} 未显示；如需一并查看：{command}"},
    "notice.limit_left_out.tied": {
        "en": "{count} more site{s} as near as the last shown ({km} km) not shown (--limit {limit}); "
              "to see them too: {command}",
        "zh": "另有 {count} 个研究中心与所示最后一个同样近（{km} 公里），因 --limit {limit} 未显示；如需一并查看：{command}"},
    # --by hospital: the hospitals the limit hid (a hospital of several trials counted once)
    "notice.limit_left_out.hospitals": {
        "en": "{count} more hospital{s} within {km} km not shown (--limit {limit}); to see them too: {command}",
        "zh": "另有 {count} 家医院在 {km} 公里内，因 --limit {limit} 未显示；如需一并查看：{command}"},
    "notice.limit_left_out.hospitals.tied": {
        "en": "{count} more hospital{s} as near as the last shown ({km} km) not shown (--limit {limit}); "
              "to see them too: {command}",
        "zh": "另有 {count} 家医院与所示最后一家同样近（{km} 公里），因 --limit {limit} 未显示；如需一并查看：{command}"},
    "note.closed_left_out": {
        "en": "{count:closed site} (no longer enrolling) left out; to see {them}: {command}",
        "zh": "已略去 {count} 个不再招募的研究中心；如需查看：{command}"},
    # whom to call
    "call.site": {"en": "Call site {id}: {name}, {reach}", "zh": "联系研究中心 {id}：{name}，{reach}"},
    "call.central": {"en": "The registry lists no phone or email for {which}: call the trial's central contact, "
                           "{name}, {reach}.",
                     "zh": "登记处未列出{which}的电话或邮箱：请联系试验的总联系人 {name}，{reach}。"},
    "call.which.all": {"en": "these sites", "zh": "这些研究中心"},
    "call.which.other": {"en": "the other sites", "zh": "其他研究中心"},
    "call.nobody": {"en": "The registry lists no phone or email for these sites or for the trial.",
                    "zh": "登记处未列出这些研究中心或该试验的电话或邮箱。"},
    "call.one_site_none": {"en": "No phone or email listed for this site: call {name}, {reach}.",
                           "zh": "该研究中心未列出电话或邮箱：请联系 {name}，{reach}。"},
    "call.one_site_nobody": {"en": "No phone or email listed for this site or for the trial.",
                             "zh": "该研究中心和该试验均未列出电话或邮箱。"},
    "call.every_contact": {"en": "Every contact of a site: sitefinder show ID (e.g. {command}).",
                           "zh": "查看某个研究中心的全部联系人：sitefinder show 编号（例如 {command}）。"},
    "call.abroad": {"en": "from abroad", "zh": "境外拨打"},
    # ≈ marks a distance from an approximate place; a list has no distances, so no mark
    "approximate.marked": {"en": "≈: the town of site {ids} is not in the offline gazetteer, so where it is is "
                                 "approximate ({command} says how it was placed).",
                           "zh": "≈：研究中心 {ids} 所在的城镇不在离线地名库中，位置为近似值（{command} 可查看定位方式）。"},
    "approximate.plain": {"en": "The town of site {ids} is not in the offline gazetteer, so where it is is "
                                "approximate ({command} says how it was placed).",
                          "zh": "研究中心 {ids} 所在的城镇不在离线地名库中，位置为近似值（{command} 可查看定位方式）。"},
    "title.near": {"en": "Sites nearest to {where} ({latitude:.4f}, {longitude:.4f})",
                   "zh": "离 {where} 最近的研究中心（{latitude:.4f}, {longitude:.4f}）"},
    "title.map": {"en": "{count} site{s} nearest to {where}", "zh": "离 {where} 最近的 {count} 个研究中心"},
    "title.list": {"en": "{count} site{s}{of}", "zh": "{count} 个研究中心{of}"},
    "title.of": {"en": " of {nct_id}", "zh": "（{nct_id}）"},
    # how old the data are
    "data.unknown": {"en": "The date of these registry data is unknown; {command} fetches the current record.",
                     "zh": "这些登记数据的日期不明；运行 {command} 可获取最新记录。"},
    "data.line": {"en": "Registry data {how} {date}", "zh": "登记数据{how} {date}"},
    "data.age": {"en": ", {count} day{s} old", "zh": "，已有 {count} 天"},
    "data.ahead": {"en": ", a date after today's: the record's date or this computer's clock is wrong",
                   "zh": "，晚于今天：登记记录的日期或本机时钟有误"},
    "data.oldest": {"en": "Oldest registry data ({nct_id})", "zh": "最早的登记数据（{nct_id}）"},
    "data.end": {"en": ".", "zh": "。"},
    "data.fetched_on": {"en": "fetched on", "zh": "获取于"},
    "data.of": {"en": "of", "zh": "日期为"},
    "data.stale": {"en": ": statuses and contacts may have changed since (older than {days:day}); "
                         "run {command} to refresh them",
                   "zh": "：此后状态和联系人可能已有变化（超过 {days} 天）；运行 {command} 更新"},
    "distance.caption": {"en": "Distances are straight lines between city centres, not travel distances.",
                         "zh": "距离为城市中心之间的直线距离，并非实际路程。"},
    # empty answers: why, and what to try
    "empty.no_sites": {"en": "No sites match.", "zh": "没有符合条件的研究中心。"},
    "empty.city_no_site": {"en": "This trial has no site in {city}; the nearest ones: {command}",
                           "zh": "该试验在{city}没有研究中心；查看最近的：{command}"},
    "empty.by_status": {"en": "No site is {wanted}; the sites by status: {counts} ({data})",
                        "zh": "没有{wanted}的研究中心；各状态的研究中心数：{counts}（{data}）"},
    "empty.region_capital": {
        "en": "{region} is a province without a site of this trial; these are the nearest to its capital, {capital}",
        "zh": "{region}没有该试验的研究中心；以下是离其省会{capital}最近的研究中心"},
    "empty.region_capital.autonomous": {
        "en": "{region} is an autonomous region without a site of this trial; these are the nearest to its "
              "capital, {capital}",
        "zh": "{region}没有该试验的研究中心；以下是离其首府{capital}最近的研究中心"},
    "empty.region_city": {"en": "{region} has no site of this trial; these are the nearest to {capital}",
                          "zh": "{region}没有该试验的研究中心；以下是离{capital}最近的研究中心"},
    # the same, when the region has sites but none that the filters keep (queries.empty_cause)
    "empty.region_capital.filtered": {
        "en": "{region} is a province with {count:site} of this dataset, but none matches {filters}; these are "
              "the nearest that do to its capital, {capital}",
        "zh": "{region}有本数据集的 {count} 个研究中心，但都不符合 {filters}；以下是离其省会{capital}最近的符合条件的研究中心"},
    "empty.region_capital.autonomous.filtered": {
        "en": "{region} is an autonomous region with {count:site} of this dataset, but none matches {filters}; "
              "these are the nearest that do to its capital, {capital}",
        "zh": "{region}有本数据集的 {count} 个研究中心，但都不符合 {filters}；以下是离其首府{capital}最近的符合条件的研究中心"},
    "empty.region_city.filtered": {
        "en": "{region} has {count:site} of this dataset, but none matches {filters}; these are the nearest that "
              "do to {capital}",
        "zh": "{region}有本数据集的 {count} 个研究中心，但都不符合 {filters}；以下是离{capital}最近的符合条件的研究中心"},
    # the same, in a dataset of many trials (wording.for_trials): none of its trials, not "this trial"
    "empty.region_capital.many": {
        "en": "{region} is a province without a site of any trial of this dataset; these are the nearest to its "
              "capital, {capital}",
        "zh": "{region}没有本数据集任何试验的研究中心；以下是离其省会{capital}最近的研究中心"},
    "empty.region_capital.autonomous.many": {
        "en": "{region} is an autonomous region without a site of any trial of this dataset; these are the nearest "
              "to its capital, {capital}",
        "zh": "{region}没有本数据集任何试验的研究中心；以下是离其首府{capital}最近的研究中心"},
    "empty.region_city.many": {"en": "{region} has no site of any trial of this dataset; these are the nearest to "
                                     "{capital}",
                               "zh": "{region}没有本数据集任何试验的研究中心；以下是离{capital}最近的研究中心"},
    "name.either": {"en": "{en}", "zh": "{zh}"},
    "about.attribution": {"en": "Place data: GeoNames (https://www.geonames.org/), CC BY 4.0. "
                                "Trial data: ClinicalTrials.gov, a service of the U.S. National Library of Medicine.",
                          "zh": "地点数据：GeoNames（https://www.geonames.org/），CC BY 4.0。"
                                "试验数据：ClinicalTrials.gov，美国国家医学图书馆提供的服务。"},
    "json.value": {"en": "a value was expected", "zh": "此处应有一个值"},
    "json.property_name": {"en": "a name in double quotes was expected", "zh": "此处应有用双引号括起的名称"},
    "json.colon": {"en": "a ':' was expected", "zh": "此处应有冒号 ':'"},
    "json.comma": {"en": "a ',' was expected", "zh": "此处应有逗号 ','"},
    "json.unterminated": {"en": "a string is not closed", "zh": "字符串没有结束引号"},
    "json.control": {"en": "a control character inside a string", "zh": "字符串中有控制字符"},
    "json.unicode_escape": {"en": "a bad \\uXXXX escape", "zh": "无效的 \\uXXXX 转义"},
    "json.escape": {"en": "a bad backslash escape", "zh": "无效的反斜杠转义"},
    "json.extra": {"en": "more data after the end", "zh": "结尾之后还有多余的数据"},
    "json.trailing_comma": {"en": "a comma before a closing bracket", "zh": "右括号前多了逗号"},  # a name that has its own form in each language
    "hint.union": {"en": "{text} is {union}, not a place: give a city in it",
                   "zh": "{text} 是{union}，不是一个地点：请给出其中的城市"},
    "hint.country_code": {"en": "{text} is {country}: give a city in it", "zh": "{text} 是 {country}：请给出其中的城市"},
    # a code typed alone (countries.read_code): "HK (Hong Kong) is a country..."; BJ: Benin or 北京?
    "name.code": {"en": "{code} ({country})", "zh": "{code}（{country}）"},
    "notice.country_code": {"en": "{text}: the country code of {country}", "zh": "{text}：{country} 的国家代码"},
    # Hong Kong, Macau, Taiwan: ISO gives them codes, and a Chinese reader calls them regions, not countries
    "notice.region_code": {"en": "{text}: the code of {country}", "zh": "{text}：{country} 的地区代码"},
    "error.code_or_initials": {"en": "{code}: {country} (its country code) or {places}? Type the name.",
                               "zh": "{code}：是国家代码 {country}，还是 {places}？请输入地名。"},
    "hint.initials": {"en": "{text} are the pinyin initials of these: type the name",
                      "zh": "{text} 是这些地名拼音的首字母：请输入地名"},
    "notice.exact_short": {"en": "{text}: using {place}, {country}, a place of exactly that name",
                           "zh": "{text}：使用 {place}，名称正好是它的地点"},
    "notice.address": {"en": "{text} read as an address: using its part {part}, {place}",
                       "zh": "{text} 按地址读取：使用其中的 {part}，{place}"},
    "error.no_site_matches": {"en": "no site matches {query} by facility name, city, contact, phone or e-mail{hint} "
                                    "(see: {command})",
                              "zh": "没有医院名称、城市、联系人、电话或邮箱与 {query} 匹配的研究中心{hint}（查看：{command}）"},
    "error.did_you_mean": {"en": "; did you mean {names}?", "zh": "；您是否要找 {names}？"},
    "error.city_sites": {"en": "; that city's sites: {sites}", "zh": "；该城市的研究中心：{sites}"},
    "error.region_hospital": {"en": "; the sites of the {kind} the hospital's name begins with: {command}",
                              "zh": "；该医院名称开头的{kind}的研究中心请运行：{command}"},
    "error.region_listed": {"en": "; that is a {kind}, whose sites are listed by: {command}",
                            "zh": "；这是一个{kind}，其研究中心请运行：{command}"},
    "usage.several_words": {"en": "\"{text}\" is given as several words; a place or a name of several words is one "
                                  "argument: put it in quotes, e.g. {command}",
                            "zh": "“{text}”被当作多个参数；含空格的地名或名称须加引号，例如 {command}"},
    "usage.after_double_dash": {"en": "the words after \"--\" are read as the place, not as options; type {command}",
                                "zh": "“--”之后的词被当作地名而非选项；请输入 {command}"},
    # `near -- --limit 1`: every word after "--" was an option, and no place is left to suggest
    "usage.double_dash_no_place": {"en": "the words after \"--\" are read as the {what}, not as options, so no {what} "
                                         "is given: type the {what} first, then the options (see: {command})",
                                   "zh": "“--”之后的词被当作{what}而非选项，因此没有给出{what}；请先写{what}，再写选项（参见：{command}）"},
    "usage.argument.near": {"en": "place", "zh": "地名"},  # what each command's argument is, in a sentence
    "usage.argument.map": {"en": "place", "zh": "地名"},
    "usage.argument.show": {"en": "site", "zh": "研究中心"},
    "usage.no_argument": {"en": "{name} takes no argument \"{text}\"; did you mean {command}?",
                          "zh": "{name} 不接受参数“{text}”；您是否要运行 {command}？"},
    "usage.extra_argument": {"en": "{name} was given one argument too many (\"{text}\"); see {command}",
                             "zh": "{name} 多了一个参数（“{text}”）；参见 {command}"},
    "progress.indexing": {"en": "indexing {name}: {sites:,site}, {percent} %",
                          "zh": "正在为 {name} 建立索引：已读 {sites:,} 个研究中心，{percent}%"},
    "progress.lookups": {"en": "indexing {name}: {sites:,site} read; building the lookups",
                         "zh": "正在为 {name} 建立索引：已读完 {sites:,} 个研究中心，正在建立查找表"},
    "progress.indexed": {"en": "indexed {name}: {sites:,site} in {seconds} s (once: later runs read the index)",
                         "zh": "已为 {name} 建立索引：{sites:,} 个研究中心，用时 {seconds} 秒（仅此一次：之后直接读取索引）"},
    "progress.imported": {"en": "Studies imported: {count}…", "zh": "已导入 {count} 项研究…"},
    "progress.imported_of": {"en": "Imported {count} of {total:study|studies}…", "zh": "已导入 {count} / {total} 项研究…"},
    "error.central_contact": {"en": "{query} is {name}, the central contact of {nct_id} for all its sites, not one "
                                    "site's; how to reach them: {command}",
                              "zh": "{query} 是 {name}，试验 {nct_id} 全部研究中心的总联系人，而非某一个研究中心的；"
                                    "其联系方式：{command}"},
    "error.no_place": {"en": "no place called {query} is known", "zh": "找不到名为 {query} 的地点"},
    "error.hint": {"en": " ({hint})", "zh": "（{hint}）"},
    "hint.institution": {"en": "that names a hospital or university: give the city it is in",
                         "zh": "这是医院或大学的名称：请写出它所在的城市"},
    "hint.facility_no_site": {"en": "that names a hospital or university, and no site of this trial is called so: "
                                    "give the city it is in",
                              "zh": "这是医院或大学的名称，本试验没有这样名称的研究中心：请写出它所在的城市"},
    "hint.facility_no_site.many": {"en": "that names a hospital or university, and no site of any trial of this "
                                         "dataset is called so: give the city it is in",
                                   "zh": "这是医院或大学的名称，本数据集的试验没有这样名称的研究中心：请写出它所在的城市"},
    "hint.online": {"en": "places the offline gazetteer lacks can be looked up with --online",
                    "zh": "离线地名库中没有的地点，可加 --online 在线查询"},
    "error.or": {"en": " or ", "zh": " 或 "},
    # the hospital view (`near PLACE --by hospital`)
    "label.hospital": {"en": "Hospital", "zh": "医院"},
    "label.whom_to_call": {"en": "Whom to call", "zh": "联系谁"},
    "title.hospitals": {"en": "Hospitals nearest to {where} ({latitude:.4f}, {longitude:.4f})",
                        "zh": "离 {where} 最近的医院（{latitude:.4f}, {longitude:.4f}）"},
    "call.none_listed": {"en": "no phone or email listed", "zh": "未列出电话或邮箱"},
    "call.trial_contact": {"en": "trial contact {line}", "zh": "试验联系人 {line}"},
    # notices on stderr: the fixed parts around the data (the place typed, the names, the counts)
    "notice.ambiguous": {"en": "{query} is ambiguous: using {used}; {how}",
                         "zh": "{query} 有多个同名地点：使用 {used}；{how}"},
    "notice.ambiguous.where": {"en": 'for the one in {where} write "{ask}"', "zh": "如指{where}的那个，请输入“{ask}”"},
    "list.semicolon": {"en": "; ", "zh": "；"},
    "notice.ambiguous.coordinates": {"en": "for the one at {latitude:.2f},{longitude:.2f} give those coordinates",
                                     "zh": "如指位于 {latitude:.2f},{longitude:.2f} 的那个，请输入该坐标"},
    # a Chinese name that is no division, answered by a small place of that name (resolver.loose_notes)
    "notice.loose.small_chinese": {
        "en": "{query} is no city or county of China: using {place}, a small place of that name (a landmark, "
              "hospital or street is not in the offline gazetteer: give its city)",
        "zh": "{query} 不是中国的市或县：按同名的小地方 {place} 计算（地标、医院、街道不在离线地名库中：请写出所在城市）"},
    "notice.loose.small_chinese_homophone": {
        "en": "{query} is no city or county of China: using {place}, a small place of that name; did you mean {cities}?",
        "zh": "{query} 不是中国的市或县：按同名的小地方 {place} 计算；您是否要找 {cities}？"},
    "notice.loose.another_name": {
        "en": "{query} is not the name of a place the offline gazetteer knows well: using {place} ({people:,} "
              "people), which GeoNames also calls {query}; if you meant another place, write it with its "
              "province or country",
        "zh": "{query} 不是离线地名库熟知的地名：按 GeoNames 也称作 {query} 的 {place}（{people:,} 人）计算；"
              "如指别处，请加上省份或国家"},
    "notice.loose.abroad": {
        "en": "{query} is no place in China: using {place}, a town of {people:,} people of that name abroad; "
              "for a place in China write its Chinese name or its province",
        "zh": "{query} 不是中国的地名：按国外同名小镇 {place}（{people:,} 人）计算；如指中国的地点，请写中文名或加上省份"},
    "notice.loose.near_miss": {
        "en": "{query}: using {place}, a town of {people:,} people; did you mean {cities}?",
        "zh": "{query}：按 {place}（{people:,} 人的镇）计算；您是否要找 {cities}？"},
    "notice.loose.near_miss_alias": {
        "en": "{query}: using {place}, which GeoNames also calls {query}; did you mean {cities}?",
        "zh": "{query}：按 GeoNames 也称作 {query} 的 {place} 计算；您是否要找 {cities}？"},
    # China's divisions (china.py): in the language of the query, as the errors are (#21)
    "notice.china.town": {"en": "{name} (a town)", "zh": "{name}（镇）"},
    "notice.china.area": {"en": "{name} (a place of {region})", "zh": "{name}（{region}的地方）"},
    "notice.china.areas": {"en": '{query} is also {towns}: using {used}; for {place} write "{ask}"',
                           "zh": "{query} 也是 {towns}：使用 {used}；如指{place}，请输入“{ask}”"},
    "notice.china.towns": {"en": '{query} is also {towns}: using {used}; for the town write "{ask}"',
                           "zh": "{query} 也是 {towns}：使用 {used}；如指该镇，请输入“{ask}”"},
    "notice.china.namesakes": {
        "en": '{query} is also the name of {named}{more}: using {used}; for another, write its city or province '
              'with it (e.g. "{ask}")',
        "zh": "{query} 也是 {named}{more} 的名称：使用 {used}；如指其他地方，请在前面写上所在的市或省（如 {ask}）"},
    "notice.china.abroad_too": {"en": '{head} is also {place}: for it write "{ask}"',
                                "zh": "{head} 也是 {place}：如指该地，请输入“{ask}”"},
    "notice.china.romanisation": {"en": "{head} is the {style} spelling of {used}, as Taiwan wrote it before pinyin: using it",
                                  "zh": "{head} 是 {used} 的{style}拼写（台湾采用汉语拼音前的写法）：使用该地"},
    "notice.china.exonym": {"en": "{head} is the name the world writes for {used}: using it",
                            "zh": "{head} 是 {used} 的通用外文名：使用该地"},
    "notice.china.wadegiles": {"en": "Wade-Giles", "zh": "威妥玛拼音"},
    "notice.china.tongyong": {"en": "Tongyong Pinyin", "zh": "通用拼音"},
    "notice.china.province_namesakes": {
        "en": '{used} is also the name of {named}: for it, write its city first (e.g. "{ask}")',
        "zh": "{used} 也是 {named} 的名称：如指该地，请在前面写上所在的城市（如 {ask}）"},
    "notice.china.more": {"en": " and {count} more", "zh": " 等另外 {count} 处"},
    "notice.china.rest_ignored": {"en": "using {used}{label}; ignored what follows: {rest}",
                                  "zh": "使用 {used}{label}；其后的部分未使用：{rest}"},
    "notice.china.rest_before_ignored": {"en": "using {used}{label}; ignored what comes before: {rest}",
                                         "zh": "使用 {used}{label}；其前的部分未使用：{rest}"},
    "notice.china.label": {"en": " ({label})", "zh": "（{label}）"},  # a name as read, where it differs from the typed
    "notice.china.former_merged": {"en": "{name} was merged into {successor} in {year}: using {successor} ({english})",
                                   "zh": "{name}已于 {year} 年并入{successor}：使用 {successor}（{english}）"},
    "notice.china.former_renamed": {"en": "{name} became {successor} in {year}: using {successor} ({english})",
                                    "zh": "{name}已于 {year} 年改为{successor}：使用 {successor}（{english}）"},
    "notice.china.also_province": {
        "en": "{used} is also a province: for its sites run: {command}",
        "zh": "{used} 也是一个省：查看该省的研究中心请运行：{command}"},
    "notice.china.also_province.none": {
        "en": "{used} is also a province, where no site of these data lies",
        "zh": "{used} 也是一个省（该省没有本数据的研究中心）"},
    "notice.china.slip_read": {"en": "read {typed} as {form}, since the rest of the address lies in {form}: {fixed}",
                               "zh": "“{typed}”按“{form}”理解（地址的其余部分在{form}内）：{fixed}"},
    "notice.china.slip_read.inside": {"en": "read {typed} as {form}, the one division of {parent} spelt so but for a letter: {fixed}",
                                      "zh": "“{typed}”按“{form}”理解（{parent}只有这一个区县与之相差一个字母）：{fixed}"},
    "notice.china.level_word_read": {"en": "read {typed} as {form}: {fixed}",
                                     "zh": "“{typed}”按“{form}”理解：{fixed}"},
    "notice.china.local_first": {
        "en": "{typed}: using {used}, as your locale is there; also {other} (for it, write \u201c{ask}\u201d)",
        "zh": "{typed}：按您所在地区使用 {used}；另有 {other}（如指它，请输入\u201c{ask}\u201d）"},
    "notice.china.in_another_province": {
        "en": "{typed} is not in {province} but in {where}: using {used}",
        "zh": "{typed} 不在{province}，而在{where}：使用 {used}"},
    "notice.china.in_another_province_sounding": {
        "en": "{typed} is not in {province} but in {where}: using {used}; {province} has {sounding} "
              "(for it, write \u201c{ask}\u201d)",
        "zh": "{typed} 不在{province}，而在{where}：使用 {used}；{province}有 {sounding}（如指它，请输入\u201c{ask}\u201d）"},
    "notice.china.city_it_is_in": {
        "en": "{part} is not in the offline gazetteer: using the city it is in, {city} (--online looks {part} up)",
        "zh": "离线地名库中没有 {part}：使用其所在的城市 {city}（--online 可在线查找 {part}）"},
    "notice.unplaced_count": {
        "en": "{count} matching site{s}{where} {have} no coordinates and {are} not ranked (see: {command})",
        "zh": "{where}{count} 个符合条件的研究中心没有坐标，未参与距离排序（查看：{command}）"},
    "notice.unplaced_where": {"en": " in {country}", "zh": "{country}有 "},
    "notice.unplaced_where.or_unknown": {"en": " in {country} or of no known country",
                                         "zh": "{country}或国家不明的地方有 "},
    "notice.none_within": {"en": "No site within that distance; the nearest is {km:,.1f} km away.",
                           "zh": "该距离内没有研究中心；最近的一个在 {km:,.1f} 公里外。"},
    "notice.no_filter_match": {"en": "No sites match the filters.", "zh": "没有符合筛选条件的研究中心。"},
    "notice.no_coordinates": {"en": "No site has coordinates to rank.", "zh": "没有可按距离排序的、有坐标的研究中心。"},
    "notice.region_sites.one": {
        "en": "{query} is a {kind}, not a place to measure distances from: this is its {count:site} ({command}); "
              "give a city for the nearest.",
        "zh": "{query}是一个{kind}，不是可以测量距离的地点：这是它的 {count} 个研究中心（{command}）；"
              "请给出城市以查看最近的。"},
    "notice.region_sites.many": {
        "en": "{query} is a {kind}, not a place to measure distances from: these are its {count:site} ({command}); "
              "give a city for the nearest.",
        "zh": "{query}是一个{kind}，不是可以测量距离的地点：这是它的 {count} 个研究中心（{command}）；"
              "请给出城市以查看最近的。"},
    "notice.region_none": {
        "en": "{query} is a {kind}, and this trial has no site there; give a city to see the nearest sites anywhere.",
        "zh": "{query}是一个{kind}，该试验在那里没有研究中心；请给出城市以查看各地最近的研究中心。"},
    "notice.region_none.many": {
        "en": "{query} is a {kind}, and no trial of this dataset has a site there; give a city to see the nearest "
              "sites anywhere.",
        "zh": "{query}是一个{kind}，本数据集的试验在那里都没有研究中心；请给出城市以查看各地最近的研究中心。"},
    "notice.region_filtered": {
        "en": "{query} is a {kind} with {count:site} of this dataset, but none matches {filters} ({counts}): drop "
              "that filter, or give a city to see the nearest sites that match it anywhere.",
        "zh": "{query}是一个{kind}，本数据集在那里有 {count} 个研究中心，但都不符合 {filters}（{counts}）：请去掉该条件，"
              "或给出城市以查看各地最近的符合条件的研究中心。"},
    # a region's name that is the registry city of sites elsewhere (Lebanon, New Hampshire; Washington, DC)
    "notice.region_city_sites": {"en": "{query} is also the city of site {ids}, {place}: for the sites nearest to it "
                                       "write \"{ask}\"",
                                 "zh": "{query} 也是研究中心 {ids} 所在的城市 {place}：查看离它最近的研究中心请输入“{ask}”"},
    "notice.city_not_region": {"en": "{query} is also a {kind} where no site of this dataset is: using {place}, the city "
                                     "of site {ids} (the {kind}: {command})",
                               "zh": "{query} 也是一个{kind}，本数据集在那里没有研究中心：使用研究中心 {ids} 所在的城市 "
                                     "{place}（查看该{kind}：{command}）"},
    "kind.province": {"en": "province", "zh": "省级行政区"},
    "kind.country": {"en": "country", "zh": "国家"},
    "kind.region": {"en": "region", "zh": "地区"},  # Hong Kong, Macau, Taiwan: a neutral word
    # a first-level division abroad: a state (Bavaria, Ohio), a province (Ontario), a parish, a county
    "kind.division": {"en": "state or province", "zh": "一级行政区"},
    "notice.district_city": {"en": "{district} is a {kind} of {city}, and no site names it as its city: "
                                   "the sites in {city}",
                             "zh": "{district}属于{city}，没有研究中心以它为所在城市：以下是{city}的研究中心"},
    # the kind of a county-level division, as notice.district_city names it (the Chinese notice says 属于)
    "kind.county_level.district": {"en": "district", "zh": "区"},
    "kind.county_level.county": {"en": "county", "zh": "县"},
    "kind.county_level.city": {"en": "county-level city", "zh": "县级市"},
    "kind.county_level.banner": {"en": "banner", "zh": "旗"},
    "kind.county_level.division": {"en": "county-level division", "zh": "县级行政区"},
    "notice.city_no_site": {"en": "This trial has no site in that city; the nearest ones: {command}",
                            "zh": "该试验在该城市没有研究中心；查看最近的：{command}"},
    "notice.city_no_site.many": {"en": "No trial of this dataset has a site in that city; the nearest ones: {command}",
                                 "zh": "本数据集的试验在该城市都没有研究中心；查看最近的：{command}"},
    "notice.region_no_distance": {
        "en": "{options} measure from a place: a province or country is answered with all its sites; give a city "
              "to rank them by distance",
        "zh": "{options} 按到某地的距离计算：省份或国家会列出其全部研究中心；请给出城市以按距离排序"},
    "notice.trial_facts_missing": {
        "en": "{count} trial{s} of these sites {have} no facts beside the sites file ({trials}): their statuses and "
              "contacts are unknown, not absent; import the studies again",
        "zh": "这些研究中心中有 {count} 个试验在研究中心文件旁没有试验信息（{trials}）：其状态和联系人不明，并非没有；"
              "请重新导入这些研究"},
    "notice.filter_alone": {"en": "No site of this trial matches {filter}, whatever the other filters: check it, "
                                  "or see where the sites are with {command}",
                            "zh": "该试验没有符合 {filter} 的研究中心（与其他筛选条件无关）：请检查该条件，"
                                  "或查看研究中心所在地：{command}"},
    "notice.filter_alone.many": {"en": "No site of any trial of this dataset matches {filter}, whatever the other "
                                       "filters: check it, or see where the sites are with {command}",
                                 "zh": "本数据集没有任何试验的研究中心符合 {filter}（与其他筛选条件无关）：请检查该条件，"
                                       "或查看研究中心所在地：{command}"},
    "list.and": {"en": " and ", "zh": " 和 "},  # joining the filters a notice names
    "list.comma": {"en": ", ", "zh": "、"},  # joining the names of a few places
    "notice.filters_together": {"en": "No site matches {filters} together, though each matches sites by itself "
                                      "({counts}): drop one of them",
                                "zh": "没有同时符合 {filters} 的研究中心，但每个条件单独都有符合的（{counts}）：请去掉其中一个条件"},
    "notice.filter_sites": {"en": "{filter}: {count:site}", "zh": "{filter}：{count} 个研究中心"},
    "notice.filter_sites.where": {"en": "{filter}: {count:site}, in {where}", "zh": "{filter}：{count} 个研究中心，在{where}"},
    "notice.no_status": {"en": "No site has that status; the sites by status: {counts}",
                         "zh": "没有该状态的研究中心；各状态的研究中心数：{counts}"},
    "notice.none": {"en": "none", "zh": "无"},
    # the CLI boundary (process.py): the prefix of every error, and the process's own failures
    "error.prefix": {"en": "Error: {message}", "zh": "错误：{message}"},
    "error.stdout_closed": {"en": "standard output is closed; nothing can be written (redirect it, e.g. > file)",
                            "zh": "标准输出已关闭，无法写出任何内容（请重定向，例如 > file）"},
    "error.not_utf8": {"en": "\"{shown}\" is not UTF-8 text; type it again in a UTF-8 terminal (or set LANG=C.UTF-8)",
                       "zh": "“{shown}”不是 UTF-8 文本；请在 UTF-8 终端中重新输入（或设置 LANG=C.UTF-8）"},
    "error.interrupted": {"en": "interrupted", "zh": "已中断"},
    "error.terminated": {"en": "terminated by signal {signal}", "zh": "被信号 {signal} 终止"},
    "error.internal": {"en": "internal error: {name}: {detail} (run with --debug for details)",
                       "zh": "内部错误：{name}: {detail}（加 --debug 运行可查看详情）"},
    # the system's words for the common errnos (os_reason), in the answer's language: strerror is English
    "os.ENOSPC": {"en": "No space left on device", "zh": "磁盘空间不足"},
    "os.EDQUOT": {"en": "Disk quota exceeded", "zh": "超出磁盘配额"},
    "os.EACCES": {"en": "Permission denied", "zh": "没有权限"},
    "os.EPERM": {"en": "Operation not permitted", "zh": "不允许该操作"},
    "os.ENOENT": {"en": "No such file or directory", "zh": "没有该文件或目录"},
    "os.EISDIR": {"en": "Is a directory", "zh": "这是一个目录"},
    "os.ENOTDIR": {"en": "Not a directory", "zh": "不是目录"},
    "os.EROFS": {"en": "Read-only file system", "zh": "文件系统为只读"},
    "os.EEXIST": {"en": "File exists", "zh": "文件已存在"},
    "os.EIO": {"en": "Input/output error", "zh": "输入/输出错误"},
    "os.EPIPE": {"en": "Broken pipe", "zh": "管道已断开"},
    "os.ENAMETOOLONG": {"en": "File name too long", "zh": "文件名过长"},
    "os.EMFILE": {"en": "Too many open files", "zh": "打开的文件过多"},
    "os.ENXIO": {"en": "No such device or address", "zh": "没有该设备或地址"},
    "error.os_path": {"en": "{path}: {what} (check that the path exists and can be written)",
                      "zh": "{path}：{what}（请检查该路径是否存在、是否可写）"},
    "error.os_output": {"en": "cannot write the output: {what} (check the disk or the file it is redirected to)",
                        "zh": "无法写出结果：{what}（请检查磁盘或重定向到的文件）"},
    # usage errors of our own (a bad option value, an unknown option or command)
    "usage.see_help": {"en": "{message} (see: sitefinder{command} --help)", "zh": "{message}（参见：sitefinder{command} --help）"},
    "usage.that": {"en": "that", "zh": "该值"},
    "usage.whole_number": {"en": "{option} takes a whole number, not {value}", "zh": "{option} 需要一个整数，而不是 {value}"},
    "usage.within_unit": {"en": "{option} takes kilometres, not {value}: give the distance in km, e.g. {option} {number} "
                                "(or {number}km)",
                          "zh": "{option} 的单位是公里，不能是 {value}：请给出公里数，例如 {option} {number}（或 {number}公里）"},
    "usage.number": {"en": "{option} takes a number, not {value}", "zh": "{option} 需要一个数字，而不是 {value}"},
    "usage.number_comma": {"en": "{option} takes a number, not {value}: write a point before decimals (1.5) and "
                                 "commas only between thousands (1,500)",
                           "zh": "{option} 需要一个数字，而不是 {value}：小数请用小数点（1.5），逗号只用于分隔千位（1,500）"},
    "usage.one_of": {"en": "{option} takes one of: {choices}; not {value}{meant}",
                     "zh": "{option} 只能是以下之一：{choices}；不能是 {value}{meant}"},
    "usage.no_option": {"en": "no option {option} for sitefinder{command}{meant} (see: sitefinder{command} --help)",
                        "zh": "sitefinder{command} 没有选项 {option}{meant}（参见：sitefinder{command} --help）"},
    "usage.option_is_argument": {"en": "sitefinder{command} takes the trial as its argument, not as {option}: {typed}",
                                 "zh": "sitefinder{command} 的试验直接写在命令后面，不用 {option}：{typed}"},
    "usage.help_command": {"en": "there is no command {word}; for help: sitefinder --help (or sitefinder COMMAND --help)",
                           "zh": "没有命令 {word}；查看帮助：sitefinder --help（或 sitefinder 命令 --help）"},
    "usage.no_command": {"en": "there is no command {word}; did you mean: {command}? (commands: {commands}; "
                               "see: sitefinder --help)",
                         "zh": "没有命令 {word}；您是否要运行：{command}？（可用命令：{commands}；参见：sitefinder --help）"},
    "usage.json_and_format": {"en": "--json and --format {format} disagree; give one of them",
                              "zh": "--json 与 --format {format} 相互矛盾；请只给出其中一个"},
    "usage.bom": {"en": "--bom is for CSV: add --format csv", "zh": "--bom 仅用于 CSV：请加上 --format csv"},
    "usage.map_csv": {"en": "a map is drawn as a table (in the terminal) or JSON; for CSV use sitefinder near",
                      "zh": "地图只能以表格（在终端中）或 JSON 输出；如需 CSV，请用 sitefinder near"},
    "usage.map_out_and_format": {"en": "--out writes the map to {name}, --format {format} prints it; give one of them",
                                 "zh": "--out 把地图写入 {name}，--format {format} 则把它打印出来；请只给出其中一个"},
    "usage.sites_empty": {"en": "{option} is empty: give the path of a sites CSV file, e.g. --sites mytrial/sites.csv",
                          "zh": "{option} 为空：请给出研究中心 CSV 文件的路径，例如 --sites mytrial/sites.csv"},
    "usage.sites_directory": {"en": "{option} {path} is a directory: give the path of a sites CSV file in it",
                              "zh": "{option} {path} 是一个目录：请给出其中研究中心 CSV 文件的路径"},
    "usage.sites_missing": {"en": "no such file; give the path of a sites CSV file "
                                  "(sitefinder import … --out DIR writes DIR/sites.csv)",
                            "zh": "没有这个文件；请给出研究中心 CSV 文件的路径"
                                  "（sitefinder import … --out 目录 会写入 目录/sites.csv）"},
    "usage.map_out_empty": {"en": "--out is empty: give a file name ending in .svg or .html, e.g. --out sites.html",
                            "zh": "--out 为空：请给出以 .svg 或 .html 结尾的文件名，例如 --out sites.html"},
    "usage.map_out_directory": {"en": "--out {path} is a directory: give a file ending in .svg or .html, e.g. "
                                      "--out {example}",
                                "zh": "--out {path} 是一个目录：请给出以 .svg 或 .html 结尾的文件，例如 --out {example}"},
    "usage.import_out_file": {"en": "--out {path} is not a directory: give a new directory, or one an earlier import "
                                    "wrote; nothing was written",
                              "zh": "--out {path} 不是目录：请给出一个新目录，或之前导入时写入的目录；未写入任何内容"},
    "usage.map_file": {"en": "--out {name}: a map file ends in .svg or .html",
                       "zh": "--out {name}：地图文件名须以 .svg 或 .html 结尾"},
    "error.map_folder": {"en": "cannot write {path}: the directory {folder} {what}; make it first or choose "
                               "another --out",
                         "zh": "无法写入 {path}：目录 {folder} {what}；请先创建它，或换一个 --out"},
    "error.map_folder.missing": {"en": "does not exist", "zh": "不存在"},
    "error.map_folder.file": {"en": "is not a directory", "zh": "不是目录"},
    "error.map_write": {"en": "cannot write {path}: {what}", "zh": "无法写入 {path}：{what}"},
    "usage.limit": {"en": "--limit must be 1 or more, not {limit}", "zh": "--limit 须为 1 或以上，而不是 {limit}"},
    "usage.within": {"en": "--within must be a distance in km greater than 0, not {within:g}",
                     "zh": "--within 须为大于 0 的公里数，而不是 {within:g}"},
    "usage.view": {"en": "unknown view {view}; use one of: {views}", "zh": "未知的视图 {view}；请使用以下之一：{views}"},
    "usage.city_is_region": {"en": "--city takes a city, and {query} is a {kind}: for its sites run: {command}",
                             "zh": "--city 需要城市，而 {query} 是一个{kind}：查看其研究中心请运行：{command}"},
    "usage.map_region": {"en": "{query} is a {kind}: give a city or coordinates to map the sites around it "
                               "(or: {command})",
                         "zh": "{query}是一个{kind}：请给出城市或坐标，以绘制其周围研究中心的地图"
                               "（或运行：{command}）"},
    "usage.trial_id": {"en": "--trial {value} is not an NCT id (NCT and 8 digits); did you mean {example}?",
                       "zh": "--trial {value} 不是 NCT 编号（NCT 加 8 位数字）；是否要找 {example}？"},
    "usage.nct_id": {"en": "{value} is not an NCT id, which is NCT and 8 digits, such as NCT07010263 "
                           "(sitefinder info lists the trials of the data)",
                     "zh": "{value} 不是 NCT 编号；NCT 编号为 NCT 加 8 位数字，形如 NCT07010263"
                           "（sitefinder info 列出数据中的试验）"},
    "usage.condition_empty": {"en": "--condition needs some words, e.g. --condition 'small cell lung'",
                              "zh": "--condition 需要给出词语，例如 --condition 'small cell lung'"},
    "error.no_trial": {"en": "the dataset has no trial {nct_id}; its trials: {known} (see: {command})",
                       "zh": "数据集中没有试验 {nct_id}；其中的试验：{known}（查看：{command}）"},
    "usage.unknown_province": {"en": "unknown province {query}; {hint}", "zh": "未知的省份 {query}；{hint}"},
    "usage.province_is_country": {"en": "{country} is a country: ask for its sites with --country '{text}'",
                                  "zh": "{country} 是一个国家：请用 --country '{text}' 查看其研究中心"},
    "usage.province_is_part": {"en": "{query} is a part of {state} (a county, district or city), not a province or "
                                     "state, and sites are known by their state only: for {state}'s sites run: "
                                     "{listing}; for the sites nearest to it: {near}",
                               "zh": "{query} 是 {state} 的一部分（郡、区或城市），不是省或州，而研究中心只按省或州归类："
                                     "查看 {state} 的研究中心请运行：{listing}；查看离它最近的研究中心：{near}"},
    "usage.province_is_city": {"en": "{query} is a city of {province}, not a province: for its sites run: {command}",
                               "zh": "{query} 是 {province} 的城市，不是省份：查看其研究中心请运行：{command}"},
    "usage.province_meant": {"en": "did you mean {names}?", "zh": "您是否要找 {names}？"},
    "usage.province_example": {"en": "give a province such as Shandong or 山东", "zh": "请给出省份，例如 山东 或 Shandong"},
    "usage.unknown_status": {"en": "unknown status {query}; {hint}use one of: {accepted}",
                             "zh": "未知的状态 {query}；{hint}请使用以下之一：{accepted}"},
    "usage.status_meant": {"en": "did you mean \"{status}\"? ", "zh": "您是否要找“{status}”？"},
    "usage.empty_filter": {"en": "{option} is empty: give a value (e.g. {option} {example}) or leave the option out",
                           "zh": "{option} 为空：请给出一个值（例如 {option} {example}），或去掉该选项"},
    "notice.province_countries": {
        "en": "--province {province} names regions in {count:country|countries}: {regions}; all are kept, "
              "add --country to keep one (e.g. --country {example})",
        "zh": "--province {province} 对应 {count} 个国家的地区：{regions}；已全部保留，加上 --country 只保留其一"
              "（例如 --country {example}）"},
    "notice.condition_none": {
        "en": "no trial here has a condition matching {condition}: conditions are the registry's English terms, "
              "such as {terms}",
        "zh": "没有试验的疾病与 {condition} 匹配：疾病按登记处的英文术语匹配，例如 {terms}"},
    "usage.unknown_country": {"en": "unknown country or region {query}; {hint}",
                              "zh": "未知的国家或地区 {query}；{hint}"},
    "usage.country_example": {"en": "give its name, e.g. --country China or --country 'Hong Kong'",
                              "zh": "请给出名称，例如 --country 中国 或 --country 香港"},
    "notice.country_guess": {"en": "{query} is read as {country}; for {other}, give its name",
                             "zh": "{query} 按 {country} 理解；如指 {other}，请给出其名称"},
    "usage.place_empty": {"en": "the place is empty: give a city (Guangzhou, 广州) or coordinates (22.54,114.06)",
                          "zh": "地点为空：请给出城市（广州、Guangzhou）或坐标（22.54,114.06）"},
    "usage.site_query_too_long": {"en": "what to show is {length:character} long; give a site's id (sitefinder show 7) "
                                        "or a part of its hospital's or city's name, at most {most:character}",
                                  "zh": "要查看的内容长达 {length} 个字符；请给出研究中心编号（sitefinder show 7），"
                                        "或其医院、城市名称的一部分，最多 {most} 个字符"},
    "usage.place_too_long": {"en": "the place is {length:character} long; give a city name of at most {most}",
                             "zh": "地点长达 {length} 个字符；城市名称最多 {most} 个字符"},
    "usage.latitude": {"en": "latitude {value:g} is out of range: it must be between -90 and 90 (write LAT,LON){meant}",
                       "zh": "纬度 {value:g} 超出范围：须在 -90 与 90 之间（写作 纬度,经度）{meant}"},
    "usage.longitude": {"en": "longitude {value:g} is out of range: it must be between -180 and 180 (write LAT,LON){meant}",
                        "zh": "经度 {value:g} 超出范围：须在 -180 与 180 之间（写作 纬度,经度）{meant}"},
    "usage.coordinates_meant": {"en": "; did you mean {latitude:g},{longitude:g}?",
                                "zh": "；您是否要输入 {latitude:g},{longitude:g}？"},
    "usage.coordinates_not_numbers": {"en": "{text} is not a number for coordinates: write LAT,LON as two decimal "
                                            "numbers (22.54,114.06)",
                                      "zh": "{text} 不是坐标的数字：请写作 纬度,经度 两个小数（22.54,114.06）"},
    "usage.coordinates_form": {"en": "{text} cannot be read as coordinates: write LAT,LON in decimal degrees, e.g. "
                                     "22.54,114.06 (or 22.54 114.06, geo:22.54,114.06){meant}",
                               "zh": "{text} 无法识别为坐标：请写作 纬度,经度（十进制度数），例如 22.54,114.06"
                                     "（或 22.54 114.06、geo:22.54,114.06）{meant}"},
    "usage.coordinates_one_axis": {"en": "{text} gives one axis twice: write the latitude, then the longitude "
                                         "(22.54N,114.06E)",
                                   "zh": "{text} 两次给出同一方向：请先写纬度，再写经度（22.54N,114.06E）"},
    # `show`: a site not found, or several
    "usage.show_empty": {"en": "give a site id or part of a facility name, e.g. sitefinder show Qingdao",
                         "zh": "请给出研究中心编号或医院名称的一部分，例如 sitefinder show Qingdao"},
    "error.no_site_id": {"en": "no site has id {id}; {known} (see: {command})",
                         "zh": "没有编号为 {id} 的研究中心；{known}（查看：{command}）"},
    "error.site_removed": {"en": "site {id} ({facility}, {city}; trial {nct_id}) was removed by sitefinder {by} on "
                                 "{on}, and its id is never given to another site; the sites there are now: {command}",
                           "zh": "编号为 {id} 的研究中心（{facility}，{city}；试验 {nct_id}）已于 {on} 由 sitefinder {by} "
                                 "移除，其编号不会再分给其他研究中心；现有的研究中心：{command}"},
    "error.site_id_gone": {"en": "no site has id {id} now: an earlier update or import removed the site it was, and "
                                 "its id is never given to another; {known} (see: {command})",
                           "zh": "现在没有编号为 {id} 的研究中心：此前的更新或导入已移除它，其编号不会再分给其他研究中心；"
                                 "{known}（查看：{command}）"},
    "error.site_id_number": {"en": "no site has id {id}: an id is a whole number (7, 007, 7.0, #7, site 7); {known} "
                                   "(see: {command})",
                             "zh": "没有编号为 {id} 的研究中心：编号是整数（7、007、7.0、#7、编号7）；{known}（查看：{command}）"},
    "error.site_ids": {"en": "ids run from {first} to {last}", "zh": "编号从 {first} 到 {last}"},
    "error.no_sites_in_file": {"en": "the sites file has no sites", "zh": "该研究中心文件中没有研究中心"},
    "error.ambiguous_site": {"en": "{query} matches {count:site}: {shown}{more}; give the id, e.g. {command}",
                             "zh": "{query} 与 {count} 个研究中心匹配：{shown}{more}；请给出编号，例如 {command}"},
    "error.and_more": {"en": "; and {count} more", "zh": "；另有 {count} 个"},
    # why a place is not one to measure from (PlaceNotFound's hints)
    "hint.country": {"en": "that is a country: give a city in it", "zh": "这是一个国家：请给出其中的城市"},
    "error.china_part": {"en": "{name} is a part of China ({provinces}), not one place: give a city in it, "
                               "or see a province's sites: {command}",
                         "zh": "{name} 是中国的一个地区（{provinces}），不是一个地点：请给出其中的城市，"
                               "或查看其中某省的研究中心：{command}"},
    "error.direction": {"en": "{name} is a direction, not a place: give a city", "zh": "{name} 是一个方位，不是地点：请给出城市"},
    "usage.province_part": {"en": "--province takes one province, and {value} is a part of China ({provinces}): "
                                  "give one of them, e.g. --province {example}",
                            "zh": "--province 只能是一个省，而 {value} 是中国的一个地区（{provinces}）：请给出其中之一，例如 --province {example}"},
    "usage.province_direction": {"en": "--province takes a province, and {value} is a direction: give a province's name",
                                 "zh": "--province 需要省份名称，而 {value} 是一个方位：请给出省份名称"},
    "hint.region": {"en": "that is a province or country: give a city in it, or run: {command}",
                    "zh": "这是一个省或国家：请给出其中的城市，或运行：{command}"},
    "hint.postal_localities": {"en": "postal localities of that name: write the one you mean with its state or country",
                               "zh": "有多个同名的邮政地名：请连同所在的州或国家写出您要找的那个"},
    "hint.zip_unknown": {"en": "no US ZIP code of those digits is known offline: type the city instead",
                         "zh": "离线地名库中没有这个美国邮政编码：请输入城市名称"},
    "hint.postal_code": {"en": "postal codes are known offline only as US ZIP codes: type the city or district instead",
                         "zh": "离线只能查找美国的邮政编码：请输入城市或区县名称（如 广州、天河区）"},
    "hint.postcode_lettered": {"en": "{country} postcodes are not known offline, only US ZIP codes: type the town "
                                     "it is in instead (e.g. {example})",
                               "zh": "离线地名库中没有{country}的邮政编码（只有美国的）：请输入它所在的城镇名称（如 {example}）"},
    "notice.zip_code": {"en": "{code} read as a US ZIP code: {place}",
                        "zh": "{code} 按美国邮政编码读取：{place}"},
    "hint.two_places": {"en": "that names two places, {first} and {second}: give one",
                        "zh": "这是两个地点：{first} 和 {second}，请只写一个"},
    "hint.one_syllable": {"en": "that is one syllable of a Chinese name: write the whole name",
                          "zh": "这只是中文地名中的一个音节：请写出完整的名称"},
    # notices of places abroad and of namesakes (resolver.py, china.py, queries.py)
    "notice.postal_town": {"en": "{head} is a postal town, not a place of the offline gazetteer: using the middle of its "
                                 "postal codes in {where}",
                           "zh": "{head} 是邮政地名，不在离线地名库中：使用它在 {where} 的各邮政编码的中心位置"},
    "notice.one_syllable": {"en": "{text} is one syllable of a Chinese name: using {used}, {country}; did you mean {names}?",
                            "zh": "{text} 只是中文地名中的一个音节：使用 {used}；您是否要找 {names}？"},
    "notice.alias_only": {"en": "{query} is only another name of {place}: using it; did you mean {close}?",
                          "zh": "{query} 只是 {place} 的别名：使用该地；您是否要找 {close}？"},
    "notice.site_city_used": {"en": "{city} is how the registry writes the city of site {ids}, {place}: using it; "
                                    "{city} is also another name of {other}",
                              "zh": "{city} 是登记处对研究中心 {ids} 所在城市 {place} 的写法：使用该地；{city} 也是 {other} 的别名"},
    "notice.site_city_listed": {"en": "site {ids}'s {city} is {place}: listed with the sites of {used}",
                                "zh": "研究中心 {ids} 的 {city} 是 {place}：与 {used} 的研究中心一并列出"},
    "notice.site_city": {"en": "site {ids}'s {city} is {place}: using {used}; for the site's city write \"{ask}\"",
                         "zh": "研究中心 {ids} 的 {city} 是 {place}：使用 {used}；如指该研究中心的城市，请输入“{ask}”"},
    "notice.district_largest": {"en": "{head} is a district the offline gazetteer has no place of that name for: "
                                      "using {name}, its largest place, as an approximation",
                                "zh": "离线地名库中没有名为 {head} 的地点：使用该区最大的地点 {name} 作为近似位置"},
    "notice.main_city": {"en": "{head} is not in the offline gazetteer: using {name}, the main city of {state}, "
                               "as an approximation (--online looks {head} up)",
                         "zh": "离线地名库中没有 {head}：使用 {state} 的主要城市 {name} 作为近似位置（--online 可在线查找 {head}）"},
    "notice.far_larger": {"en": "{head}: using {used}, far larger than {namesake}, the place of exactly that name "
                                "(write \"{ask}\" for that one)",
                          "zh": "{head}：使用 {used}，它比名称完全相同的 {namesake} 大得多（如指后者，请输入“{ask}”）"},
    "notice.region_dwarfed": {"en": "{head}: using {used}, a city far larger than {regions}, the province or state "
                                    "of that name ({sites})",
                              "zh": "{head}：使用 {used}，它比同名的省/州 {regions} 大得多（{sites}）"},
    # what the data holds in the region: its listing to type, or none to suggest (an empty listing)
    "notice.region_dwarfed.sites": {"en": "its sites: {command}", "zh": "该省/州的研究中心：{command}"},
    "notice.region_dwarfed.none": {"en": "no site of these data lies there", "zh": "该省/州没有本数据的研究中心"},
    "notice.abroad_namesake": {"en": "{head} is also the name of {named}: using {used}; for the one in China write its "
                                     "Chinese name or its province after a comma (\"{ask}\")",
                               "zh": "{head} 也是 {named} 的名称：使用 {used}；如指中国的那个，请写出其中文名称，"
                                     "或在逗号后写上所在的省（“{ask}”）"},
    "notice.facility_origin": {"en": "{query} is site {id}'s facility: measuring from it",
                               "zh": "{query} 是研究中心 {id} 的医院：从该医院起测量距离"},
    "notice.province_capital": {"en": "{query} is a province: its {count} site{s}, measured from its capital, {capital}",
                                "zh": "{query}是一个省：它的 {count} 个研究中心，从其省会 {capital} 起测量距离"},
    # Hong Kong, Macau, Taiwan: no "province", no "capital" (regions.py names them so)
    "notice.region_city": {"en": "{query}: its {count} site{s}, measured from {capital}",
                           "zh": "{query}：它的 {count} 个研究中心，从 {capital} 起测量距离"},
    # a data file that cannot be read (sitesfile.py, trial.py, catalogue.py): after "path:line: "
    "data.no_sites_file": {"en": "no such file; check --sites or SITEFINDER_SITES",
                           "zh": "没有这个文件；请检查 --sites 或 SITEFINDER_SITES"},
    "data.is_directory": {"en": "is a directory; give the path of a sites CSV file",
                          "zh": "是一个目录；请给出研究中心 CSV 文件的路径"},
    "data.too_large": {"en": "is larger than {most} MB, the most sitefinder reads from a sites file: split it",
                       "zh": "大于 {most} MB，超过了 sitefinder 从研究中心文件中读取的上限：请拆分该文件"},
    "data.too_large_index": {"en": "is larger than {most} GB, the most sitefinder indexes: split it",
                             "zh": "大于 {most} GB，超过了 sitefinder 可建索引的上限：请拆分该文件"},
    "data.unreadable": {"en": "cannot be read: {what}", "zh": "无法读取：{what}"},
    "data.not_utf8_byte": {"en": "is not UTF-8 (byte 0x{byte:02x}); save it as UTF-8",
                           "zh": "不是 UTF-8 编码（字节 0x{byte:02x}）；请另存为 UTF-8"},
    "data.not_utf8": {"en": "is not UTF-8 text; save it as UTF-8", "zh": "不是 UTF-8 文本；请另存为 UTF-8"},
    "data.empty_header": {"en": "is empty; expected a header line starting with {columns}",
                          "zh": "是空的；第一行应为以 {columns} 开头的表头"},
    "data.missing_column": {"en": "missing column {missing}; the header must name {columns}",
                            "zh": "缺少列 {missing}；表头须包含 {columns}"},
    "data.bad_csv": {"en": "is not valid CSV: {detail}", "zh": "不是有效的 CSV：{detail}"},
    "data.field_count": {"en": "has {count:field}, the header has {width}; quote fields that contain commas",
                         "zh": "有 {count} 个字段，而表头有 {width} 个；含逗号的字段请加引号"},
    "data.field_too_long": {"en": "{name} is {length:character} long; at most {most}",
                            "zh": "{name} 长达 {length} 个字符；最多 {most} 个"},
    "data.field_empty": {"en": "{name} is empty", "zh": "{name} 为空"},
    "data.bad_id": {"en": "id {value} is not a whole number from 1 to {most}", "zh": "id {value} 不是 1 到 {most} 之间的整数"},
    "data.one_coordinate": {"en": "has only one of latitude and longitude; give both or neither",
                            "zh": "纬度和经度只给出了一个；请两者都给出，或都不给"},
    "data.bad_status": {"en": "status {value} is not a registry status; use one of {statuses}",
                        "zh": "status {value} 不是登记处的状态；请使用以下之一：{statuses}"},
    "data.bad_nct_id": {"en": "nct_id {value} is not an NCT id like NCT07010263",
                        "zh": "nct_id {value} 不是形如 NCT07010263 的 NCT 编号"},
    "data.bad_geonameid": {"en": "geonameid {value} is not a GeoNames id (a whole number from 1 to {most}); leave it "
                                 "empty when the coordinates are no GeoNames city's",
                           "zh": "geonameid {value} 不是 GeoNames 编号（1 到 {most} 之间的整数）；坐标不是 GeoNames 城市的坐标时请留空"},
    "data.bad_number": {"en": "{name} {value} {problem}", "zh": "{name} 的值 {value} {problem}"},
    "data.out_of_range": {"en": "{name} {value:g} is out of range (-{limit:g} to {limit:g})",
                          "zh": "{name} {value:g} 超出范围（-{limit:g} 到 {limit:g}）"},
    "data.contacts_not_list": {"en": 'contacts is not a JSON list like [{{"name": "A. Li", "role": "PRIMARY"}}]',
                               "zh": 'contacts 不是形如 [{{"name": "A. Li", "role": "PRIMARY"}}] 的 JSON 列表'},
    "data.index_damaged": {"en": "the index {path} is damaged ({reason}); it was removed and is rebuilt from the "
                                 "sites file on the next run",
                           "zh": "索引 {path} 已损坏（{reason}）；已将其删除，下次运行时会根据研究中心文件重建"},
    "data.no_sites": {"en": "has a header but no sites", "zh": "有表头，但没有任何研究中心"},
    "data.duplicate_id": {"en": "id {site_id} is used again (first on line {first_line}); ids must be unique",
                          "zh": "id {site_id} 重复出现（首次在第 {first_line} 行）；每个 id 只能用一次"},
    # the csv module's reasons (CPython's _csv.c), as json.* are the JSON parser's (csv_reason)
    "csv.end": {"en": "unexpected end of data", "zh": "数据意外结束（有引号没有闭合）"},
    "csv.field_limit": {"en": "field larger than field limit ({most})", "zh": "字段超过 {most} 个字符的上限"},
    "csv.expected_after": {"en": "'{wanted}' expected after '{after}'", "zh": "'{after}' 之后应为 '{wanted}'"},
    "csv.newline": {"en": "new-line character seen in unquoted field",
                    "zh": "未加引号的字段中有换行符"},
    "data.contacts_too_deep": {"en": "contacts is JSON nested too deeply to be a list of contacts",
                               "zh": "contacts 的 JSON 嵌套过深，不可能是联系人列表"},
    # what a number or a contact is not (numbers.py, contacts.py): said after the field and its value
    "number.none": {"en": "is not a number", "zh": "不是数字"},
    "number.word": {"en": "is {word}, not a number", "zh": "是 {word}，不是数字"},
    "number.not_finite": {"en": "is not a finite number", "zh": "不是有限的数字"},
    "number.not_ascii": {"en": "is not a number (plain ASCII digits, e.g. 23.1)",
                         "zh": "不是数字（请用半角 ASCII 数字，例如 23.1）"},
    "number.out_of_range": {"en": "is out of range (-{limit:g} to {limit:g})", "zh": "超出范围（-{limit:g} 到 {limit:g}）"},
    "contact.no_name": {"en": 'each contact needs a "name"', "zh": '每个联系人都需要 "name"'},
    "contact.bad_role": {"en": "contact role {role} is not one of {roles}", "zh": "联系人角色 {role} 不是以下之一：{roles}"},
    "contact.too_long": {"en": "contact {field} is {length:character} long; at most {most}",
                         "zh": "联系人的 {field} 长达 {length} 个字符；最多 {most} 个"},
    "contact.not_list": {"en": 'contacts must be a JSON list like [{{"name": "A. Li", "role": "PRIMARY"}}]',
                         "zh": '联系人须为形如 [{{"name": "A. Li", "role": "PRIMARY"}}] 的 JSON 列表'},
    "contact.not_text": {"en": "contact {fields} must be text", "zh": "联系人的 {fields} 必须是文本"},
    # trial.json and trials.json
    "data.trials_missing": {"en": "is missing from this dataset of {count:trial}, so their facts and contacts are "
                                  "unknown; import them again: {command}",
                            "zh": "这个包含 {count} 个试验的数据集缺少此文件，因此这些试验的信息和联系人未知；请重新导入：{command}"},
    "data.trial_missing": {"en": "is missing from this dataset, so the trial's facts and contacts are unknown; "
                                 "import the study again (or run sitefinder update)",
                           "zh": "在此数据集中缺失，因此试验的信息和联系人不明；请重新导入该研究（或运行 sitefinder update）"},
    "data.trial_not_object": {"en": "must hold a JSON object with the trial's facts",
                              "zh": "须包含一个记录试验信息的 JSON 对象"},
    "data.bad_json": {"en": "is not valid JSON: {detail}", "zh": "不是有效的 JSON：{detail}"},
    "data.json_too_deep": {"en": "is JSON nested too deeply to be {what}", "zh": "的 JSON 嵌套过深，不可能是{what}"},
    "data.what.trial": {"en": "a trial's facts", "zh": "试验信息"},
    "data.what.trials": {"en": "trials' facts", "zh": "多个试验的信息"},
    "data.list_of_strings": {"en": "{name} must be a list of strings", "zh": "{name} 必须是字符串列表"},
    "data.central_contacts": {"en": "central_contacts: {problem}", "zh": "central_contacts：{problem}"},
    "data.enrollment": {"en": "enrollment must be a whole number", "zh": "enrollment 必须是整数"},
    "data.count": {"en": "{name} must be a whole number, 0 or more, not {value}", "zh": "{name} 必须是不小于 0 的整数，而不是 {value}"},
    "data.healthy_volunteers": {"en": "healthy_volunteers must be true or false", "zh": "healthy_volunteers 必须是 true 或 false"},
    "data.overall_status": {"en": "overall_status {value} is not a registry status",
                            "zh": "overall_status {value} 不是登记处的状态"},
    "data.must_be_text": {"en": "{name} must be text", "zh": "{name} 必须是文本"},
    "data.trials_shape": {"en": 'must hold {{"trials": [one object per trial, ...]}}',
                          "zh": '须包含 {{"trials": [每个试验一个对象, ...]}}'},
    "data.too_many_trials": {"en": "holds {count:trial}; at most {most}", "zh": "包含 {count} 个试验；最多 {most} 个"},
    "data.trial_twice": {"en": "{nct_id} is listed twice; each trial once", "zh": "{nct_id} 出现了两次；每个试验只能出现一次"},
    # the installed data (the gazetteer, the map)
    "error.gazetteer_unreadable": {"en": "cannot read the gazetteer {path}: {detail}; reinstall sitefinder",
                                   "zh": "无法读取地名库 {path}：{detail}；请重新安装 sitefinder"},
    "error.gazetteer_schema": {"en": "the gazetteer {path} has schema {version}, expected {expected}; "
                                     "rebuild it with scripts/build_gazetteer.py",
                               "zh": "地名库 {path} 的结构版本为 {version}，应为 {expected}；请用 scripts/build_gazetteer.py 重建"},
    "error.map_unreadable": {"en": "cannot read the map {path}: {detail}; reinstall sitefinder",
                             "zh": "无法读取地图 {path}：{detail}；请重新安装 sitefinder"},
    # a contact as a line (show, info): the role, the extension
    "role.PRINCIPAL_INVESTIGATOR": {"en": "principal investigator", "zh": "主要研究者"},
    "role.SUB_INVESTIGATOR": {"en": "sub-investigator", "zh": "助理研究者"},
    "role.STUDY_CHAIR": {"en": "study chair", "zh": "研究主席"},
    "role.STUDY_DIRECTOR": {"en": "study director", "zh": "研究负责人"},
    "role.CONTACT": {"en": "contact", "zh": "联系人"},
    "role.PRIMARY": {"en": "primary", "zh": "主要联系人"},
    "role.BACKUP": {"en": "backup", "zh": "备用联系人"},
    "phone.ext": {"en": "{phone} ext. {ext}", "zh": "{phone} 转{ext}"},  # 转 and the number at once
    # `show`: how near the coordinates are to the site
    "precision.city": {"en": "city centre", "zh": "城市中心"},
    "precision.division": {"en": "middle of the division, approximate", "zh": "行政区中心，近似"},
    "precision.state": {"en": "the state's main city, approximate", "zh": "所在州或省的主要城市，近似"},
    "site.unknown": {"en": "unknown", "zh": "不明"},
    "site.no_contacts": {"en": "none listed", "zh": "未列出"},
    # `show`: the hospital's listings by other trials of the dataset, each with whom to call there
    "label.same_hospital": {"en": "Also listed", "zh": "同一医院另见"},
    "site.same_hospital": {"en": "site {id} of {nct_id}: {call}", "zh": "{nct_id} 的研究中心 {id}：{call}"},
    "site.same_hospital_more": {"en": "and {count} more (sitefinder show {id} --json lists every one)",
                                "zh": "另有 {count} 个（sitefinder show {id} --json 列出全部）"},
    # `info`
    "phase.early": {"en": "Early phase {number}", "zh": "早期 {number} 期"},
    "phase.number": {"en": "Phase {number}", "zh": "{number} 期"},
    "phase.na": {"en": "Not applicable", "zh": "不适用"},  # the registry's NA: a study without phases
    # an arm's type as the importer writes it after the arm's label (importer._arm: "Cohort B (placebo
    # comparator)"), the registry's ArmGroupType values; info says them in Chinese
    "arm.experimental": {"en": "experimental", "zh": "试验组"},
    "arm.active comparator": {"en": "active comparator", "zh": "阳性对照"},
    "arm.placebo comparator": {"en": "placebo comparator", "zh": "安慰剂对照"},
    "arm.sham comparator": {"en": "sham comparator", "zh": "假干预对照"},
    "arm.no intervention": {"en": "no intervention", "zh": "无干预"},
    "arm.other": {"en": "other", "zh": "其他"},
    "info.no_trial_facts": {"en": "No trial facts: there is no readable trial.json beside {name}.",
                            "zh": "没有试验信息：{name} 旁没有可读取的 trial.json。"},
    "info.the_sites_file": {"en": "the sites file", "zh": "研究中心文件"},
    "info.trials_title": {"en": "{trials:trial}, {sites:site}", "zh": "{trials} 个试验，{sites} 个研究中心"},
    "info.one_trial": {"en": "One trial's facts: sitefinder info NCT_ID (e.g. {command}).",
                       "zh": "查看某个试验的信息：sitefinder info NCT编号（例如 {command}）。"},
    "info.unknown": {"en": "unknown", "zh": "不明"},
    "info.imported_in": {"en": "Sites: those of this dataset, imported with --country, only its sites in {countries}; "
                               "the registry may list more (sitefinder info NCT_ID says so of each trial).",
                         "zh": "研究中心：本数据集导入时用了 --country，只导入了在{countries}的研究中心；登记处可能列出更多"
                               "（sitefinder info NCT编号 会说明每个试验的情况）。"},
    "label.title": {"en": "Title", "zh": "标题"},
    "label.phase": {"en": "Phase", "zh": "分期"},
    "label.sites": {"en": "Sites", "zh": "研究中心"},
    "label.data_of": {"en": "Data of", "zh": "数据日期"},
    # the map (terminal, SVG, HTML)
    # "\u00a0": kept on one line when the legend wraps (text.UNBROKEN_SPACE; printed as a space)
    "map.site_line": {"en": "{rank:>2} {facility}, {where} · {km}\u00a0km · {status} · id\u00a0{id}",
                      "zh": "{rank:>2} {facility}，{where} · {km}\u00a0公里 · {status} · 编号\u00a0{id}"},
    "map.footer": {"en": "Map: {scale}. {caption}", "zh": "地图：{scale}。{caption}"},
    "map.caption": {"en": "Boundaries are illustrative (Natural Earth's de facto lines); distances are straight lines "
                          "between city centres.",
                    "zh": "边界仅为示意（Natural Earth 的实际控制线）；距离为城市中心之间的直线距离。"},
    "map.attribution": {"en": "Map: Natural Earth (public domain). Places: GeoNames, CC BY 4.0.",
                        "zh": "地图：Natural Earth（公有领域）。地名：GeoNames，CC BY 4.0。"},
    "map.scale_km": {"en": "one column ≈ {km:,.0f} km", "zh": "每列约 {km:,.0f} 公里"},
    "map.scale_m": {"en": "one column ≈ {m:,.0f} m", "zh": "每列约 {m:,.0f} 米"},
    "map.written": {"en": "Map written to {path} ({count} site{s}).", "zh": "地图已写入 {path}（{count} 个研究中心）。"},
    "map.label": {"en": "{rank} {facility}, {city}, {km} km", "zh": "{rank} {facility}，{city}，{km} 公里"},
    "map.details_head": {"en": "{rank}. {facility} (id {id})", "zh": "{rank}. {facility}（编号 {id}）"},
    "map.details_distance": {"en": "{km} km · {status}", "zh": "{km} 公里 · {status}"},
    "map.details_investigator": {"en": "Investigator: {name}", "zh": "研究者：{name}"},
    # `import` and `update` (bulkimport.py, importer.py, datasets.py, update.py): what went wrong
    "import.no_sources": {"en": "give a study file, an export, a folder or zip of NCT*.json files, or an NCT id",
                          "zh": "请给出研究文件、导出文件、包含 NCT*.json 文件的文件夹或 zip，或 NCT 编号"},
    "import.out_not_utf8": {"en": "--out {name}: the directory name is not UTF-8; choose a name in UTF-8; nothing was written",
                            "zh": "--out {name}：目录名不是 UTF-8；请使用 UTF-8 名称；未写入任何内容"},
    "import.too_many": {"en": "more than {most:study|studies}; at most that many in one dataset: split the import",
                        "zh": "研究超过 {most} 个；一个数据集最多这么多：请分批导入"},
    "import.no_protocol": {"en": "not a ClinicalTrials.gov API v2 study (no protocolSection)",
                           "zh": "不是 ClinicalTrials.gov API v2 的研究记录（没有 protocolSection）"},
    "import.where_no_protocol": {"en": "{where}: not a ClinicalTrials.gov API v2 study (no protocolSection)",
                                 "zh": "{where}：不是 ClinicalTrials.gov API v2 的研究记录（没有 protocolSection）"},
    "import.bad_nct_id": {"en": "identificationModule.nctId {value} is not an NCT id",
                          "zh": "identificationModule.nctId {value} 不是 NCT 编号"},
    "import.strict_skipped": {"en": "{skipped} (drop --strict to skip it); nothing was written",
                              "zh": "{skipped}（去掉 --strict 可跳过它）；未写入任何内容"},
    "import.strict_unplaced": {"en": "{nct_id}: {count:site} could not be placed: {names} (drop --strict to import "
                                     "them unranked); nothing was written",
                               "zh": "{nct_id}：{count} 个研究中心无法定位：{names}（去掉 --strict 可导入它们，但不参与距离排序）；"
                                     "未写入任何内容"},
    "import.none_imported": {"en": "no study could be imported: {skipped}; nothing was written",
                             "zh": "没有能导入的研究：{skipped}；未写入任何内容"},
    "import.skip.duplicate": {"en": "already imported from an earlier study; the first is kept",
                              "zh": "已从前面的研究导入；保留第一个"},
    "import.skip.no_locations": {"en": "the study lists no locations", "zh": "该研究没有列出任何地点"},
    "import.no_locations.one": {"en": "the study lists no locations{where}, so there is nothing to find; nothing was written",
                                "zh": "该研究{where}没有列出任何地点，无从查找；未写入任何内容"},
    "import.no_locations.many": {"en": "none of the studies lists locations{where}, so there is nothing to find; "
                                       "nothing was written",
                                 "zh": "这些研究{where}都没有列出地点，无从查找；未写入任何内容"},
    "import.in_country": {"en": " in {country}", "zh": "在 {country} "},
    "import.no_file": {"en": "no such file; give a study JSON file, an export, a folder or zip of NCT*.json "
                             "files, or an NCT id with --online",
                       "zh": "没有这个文件；请给出研究 JSON 文件、导出文件、包含 NCT*.json 文件的文件夹或 zip，"
                             "或加 --online 给出 NCT 编号"},
    "import.no_study_file": {"en": "no such file; give a study JSON file, or an NCT id with --online",
                             "zh": "没有这个文件；请给出研究 JSON 文件，或加 --online 给出 NCT 编号"},
    "import.unreadable": {"en": "{path}: cannot be read ({what})", "zh": "{path}：无法读取（{what}）"},
    "import.no_studies": {"en": "{where}: holds no studies (an empty list, no protocolSection)",
                          "zh": "{where}：不含任何研究（空列表，或没有 protocolSection）"},
    "import.folder_too_many": {"en": "{path}: more than {most:study file}; split the import",
                               "zh": "{path}：研究文件超过 {most} 个；请分批导入"},
    "import.folder_empty": {"en": "{path}: no NCT*.json files in this folder (nor saved search pages)",
                            "zh": "{path}：此文件夹中没有 NCT*.json 文件（也没有保存的检索结果页）"},
    "import.bad_zip": {"en": "{path}: not a readable zip file ({detail})", "zh": "{path}：不是可读取的 zip 文件（{detail}）"},
    "import.zip_too_many": {"en": "{path}: {count:member}; at most {most}: split the archive",
                            "zh": "{path}：包含 {count} 个文件；最多 {most} 个：请拆分该压缩包"},
    "import.zip_empty": {"en": "{path}: no NCT*.json files in this zip (nor saved search pages)",
                         "zh": "{path}：此 zip 中没有 NCT*.json 文件（也没有保存的检索结果页）"},
    "import.zip_too_large": {"en": "{path}: unpacks to more than {most} GB; split the archive",
                             "zh": "{path}：解压后超过 {most} GB；请拆分该压缩包"},
    "import.study_too_large": {"en": "{where}: larger than {most} MB, the most read for a study",
                               "zh": "{where}：大于 {most} MB，超过单个研究的读取上限"},
    "import.unpack_failed": {"en": "{where}: cannot be unpacked ({detail})", "zh": "{where}：无法解压（{detail}）"},
    "import.not_a_study": {"en": "{where}: {what}; expected a ClinicalTrials.gov study record as JSON (API v2, as the "
                                 "registry serves NCT07010263), the registry's export of them, a zip or folder of "
                                 "NCT*.json files, or an NCT id with --online",
                           "zh": "{where}：{what}；应为 JSON 格式的 ClinicalTrials.gov 研究记录（API v2，与登记处提供的 "
                                 "NCT07010263 相同）、登记处的导出文件、包含 NCT*.json 文件的 zip 或文件夹，或加 --online 给出 NCT 编号"},
    "import.what.empty": {"en": "is empty", "zh": "是空的"},
    "import.what.binary": {"en": "is binary data, not text", "zh": "是二进制数据，不是文本"},
    "import.what.not_utf8": {"en": "is not UTF-8 text (a registry study is UTF-8 JSON)",
                             "zh": "不是 UTF-8 文本（登记处的研究记录是 UTF-8 JSON）"},
    "import.what.bad_json": {"en": "is not valid JSON (line {line}: {detail})", "zh": "不是有效的 JSON（第 {line} 行：{detail}）"},
    "import.what.too_deep": {"en": "is JSON nested too deeply to be registry studies", "zh": "的 JSON 嵌套过深，不可能是登记处的研究记录"},
    "import.what.no_protocol": {"en": "is JSON but not a study (no protocolSection)",
                                "zh": "是 JSON，但不是研究记录（没有 protocolSection）"},
    "import.what.csv": {"en": "is a CSV table, not JSON (a sites file is given to the other commands with --sites)",
                        "zh": "是 CSV 表格，不是 JSON（研究中心文件请用 --sites 交给其他命令）"},
    "import.what.text": {"en": "is plain text, not JSON", "zh": "是纯文本，不是 JSON"},
    "import.where_bad_json": {"en": "{where}: not valid JSON (line {line}: {detail})",
                              "zh": "{where}：不是有效的 JSON（第 {line} 行：{detail}）"},
    "import.where_too_deep": {"en": "{where}: JSON nested too deeply to be a registry study",
                              "zh": "{where}：JSON 嵌套过深，不可能是登记处的研究记录"},
    "import.answer_for": {"en": "the registry's answer for {nct_id}", "zh": "登记处对 {nct_id} 的回答"},
    "import.no_such_study": {"en": "the registry has no study {nct_id}; check the NCT id",
                             "zh": "登记处没有研究 {nct_id}；请检查 NCT 编号"},
    "import.http_status": {"en": "the registry at {url} answered HTTP {status}; try again later",
                           "zh": "登记处（{url}）返回 HTTP {status}；请稍后再试"},
    "import.answer_not_utf8": {"en": "the registry's answer for {nct_id} is not UTF-8 text",
                               "zh": "登记处对 {nct_id} 的回答不是 UTF-8 文本"},
    "import.other_study": {"en": "the registry at {url} answered the request for {nct_id} with {answered}; not used, "
                                 "nothing was written",
                           "zh": "登记处（{url}）对 {nct_id} 的请求返回了{answered}；未使用，未写入任何内容"},
    "import.answered_study": {"en": "study {value}", "zh": "研究 {value}"},
    "import.answered_none": {"en": "no nctId", "zh": "没有 nctId 的记录"},
    "import.needs_online": {"en": "fetching {nct_id} from the registry needs --online (or give a study JSON file)",
                            "zh": "从登记处获取 {nct_id} 需要加 --online（或给出研究 JSON 文件）"},
    "import.must_be_object": {"en": "{where} must be a JSON object, not {type}", "zh": "{where} 必须是 JSON 对象，而不是 {type}"},
    "import.the_study": {"en": "the study", "zh": "该研究"},
    "import.must_be_list": {"en": "{where} must be a JSON list, not {type}", "zh": "{where} 必须是 JSON 列表，而不是 {type}"},
    "import.must_be_text": {"en": "{where} must be text, not {type}", "zh": "{where} 必须是文本，而不是 {type}"},
    "import.too_long": {"en": "{where} is {length:,} characters long; at most {most:,}",
                        "zh": "{where} 长达 {length:,} 个字符；最多 {most:,} 个"},
    "dataset.too_large.one": {"en": "the study cannot be used: its {name} would be {size:.1f} MB, over the {most} MB every "
                                    "command reads; nothing was written",
                              "zh": "无法使用该研究：其 {name} 将有 {size:.1f} MB，超过各命令读取的上限 {most} MB；未写入任何内容"},
    "dataset.too_large.many": {"en": "the studies cannot be used: their {name} would be {size:.1f} MB, over the {most} MB "
                                     "every command reads; nothing was written",
                               "zh": "无法使用这些研究：其 {name} 将有 {size:.1f} MB，超过各命令读取的上限 {most} MB；未写入任何内容"},
    "dataset.unusable.one": {"en": "the study cannot be used: {problem}; nothing was written",
                             "zh": "无法使用该研究：{problem}；未写入任何内容"},
    "dataset.unusable.many": {"en": "the studies cannot be used: {problem}; nothing was written",
                              "zh": "无法使用这些研究：{problem}；未写入任何内容"},
    "dataset.no_locations.one": {"en": "the study lists no locations, so there is nothing to find; nothing was written",
                                 "zh": "该研究没有列出任何地点，无从查找；未写入任何内容"},
    "dataset.no_locations.many": {"en": "the studies list no locations (in the countries asked for), so there is nothing "
                                        "to find; nothing was written",
                                  "zh": "这些研究（在所选国家中）没有列出任何地点，无从查找；未写入任何内容"},
    "dataset.foreign_file": {"en": "{path} was not written by sitefinder, and importing would replace it; choose another "
                                   "--out, or move it away first; nothing was written",
                             "zh": "{path} 不是 sitefinder 写入的文件，导入会替换它；请换一个 --out，或先将它移走；未写入任何内容"},
    "import.out_empty": {"en": "--out must name a directory, not be empty (--out . for the current one)",
                         "zh": "--out 须为一个目录名，不能为空（当前目录请用 --out .）"},
    # a place of the dataset's own (check_target) taken by something else
    "dataset.target_taken": {"en": "{path} {what}; move it away or choose another --out; nothing was written",
                             "zh": "{path} {what}；请将它移走或换一个 --out；未写入任何内容"},
    "dataset.taken.directory": {"en": "is a directory", "zh": "是一个目录"},
    "dataset.taken.store": {"en": "is not sitefinder's directory", "zh": "不是 sitefinder 的目录"},
    "dataset.taken.link": {"en": "is not a link to a version", "zh": "不是指向某个版本的链接"},
    "dataset.stopped_after_publishing": {"en": "{what} after the new data were published: {sites} and {facts} hold "
                                               "them and are in use",
                                         "zh": "新数据发布后{what}：{sites} 和 {facts} 保存了这些数据，且正在使用"},
    "dataset.interrupted": {"en": "interrupted", "zh": "被中断"},
    "dataset.signalled": {"en": "terminated by signal {signal}", "zh": "被信号 {signal} 终止"},
    "dataset.cannot_write": {"en": "cannot write to {path}: {what}; the data there are as they were",
                             "zh": "无法写入 {path}：{what}；那里的数据保持原样"},
    "dataset.unfinished": {"en": "the new data are in use ({current} → {version}), but {path} could not be finished: {what}",
                           "zh": "新数据已在使用（{current} → {version}），但 {path} 未能完成：{what}"},
    "update.no_trial": {"en": "the data in use name no trial (no trial.json beside them); give an NCT id, "
                              "e.g. sitefinder update NCT07010263",
                        "zh": "当前使用的数据没有指明试验（旁边没有 trial.json）；请给出 NCT 编号，例如 sitefinder update NCT07010263"},
    "update.too_many_pages": {"en": "the registry at {url} sent more than {most:page}; nothing was changed",
                              "zh": "登记处（{url}）返回了超过 {most} 页；未作任何更改"},
    "update.http_status": {"en": "the registry at {url} answered HTTP {status}; try again later; nothing was changed",
                           "zh": "登记处（{url}）返回 HTTP {status}；请稍后再试；未作任何更改"},
    "update.bad_page": {"en": "the registry at {url} sent a malformed page; nothing was changed",
                        "zh": "登记处（{url}）返回的页面格式有误；未作任何更改"},
    "update.no_studies": {"en": "the registry at {url} sent a page without studies; nothing was changed",
                          "zh": "登记处（{url}）返回的页面中没有研究；未作任何更改"},
    "update.not_asked": {"en": "the registry at {url} answered the request for {ids} with {which}, which was not asked "
                               "for; not used, nothing was written",
                         "zh": "登记处（{url}）对 {ids} 的请求返回了未请求的{which}；未使用，未写入任何内容"},
    # the network (web.py, online.py)
    "service.registry": {"en": "the registry", "zh": "登记处"},
    "service.geocoder": {"en": "the geocoder", "zh": "在线地理编码服务"},
    "usage.timeout": {"en": "SITEFINDER_TIMEOUT must be a number of seconds from more than 0 to {most:g}, e.g. 10, not {value}",
                      "zh": "SITEFINDER_TIMEOUT 须为大于 0、不超过 {most:g} 的秒数，例如 10，而不是 {value}"},
    "usage.service_url": {"en": "{variable} must be an http:// or https:// URL such as {default}, not {value}",
                          "zh": "{variable} 须为 http:// 或 https:// 网址，例如 {default}，而不是 {value}"},
    # Click's messages, said in the answer's language (process.click_words)
    "usage.click.missing_argument": {"en": "missing argument {name}", "zh": "缺少参数 {name}"},
    "usage.click.no_command": {"en": "no such command {name}", "zh": "没有 {name} 这个命令"},
    "usage.click.missing_option": {"en": "missing option {name}", "zh": "缺少选项 {name}"},
    "usage.click.needs_value": {"en": "option {name} needs a value", "zh": "选项 {name} 需要一个值"},
    "usage.click.takes_no_value": {"en": "option {name} takes no value", "zh": "选项 {name} 不接受值"},
    "usage.click.missing_parameter": {"en": "a value is missing", "zh": "缺少一个值"},
    "usage.click.bad_option": {"en": "option {name} is not used so", "zh": "选项 {name} 的用法不对"},
    "usage.click.invalid_value": {"en": "the value of {name} cannot be read", "zh": "无法读取 {name} 的值"},
    "usage.click.bad_argument": {"en": "the arguments cannot be read", "zh": "无法读取所给的参数"},
    "usage.click.invalid": {"en": "the command line cannot be read", "zh": "无法读取该命令行"},
    "net.not_http": {"en": "{service} at {url}: not an http(s) URL; give it an http:// or https:// address",
                     "zh": "{service}（{url}）：不是 http(s) 网址；请改用 http:// 或 https:// 地址"},
    "net.redirect_host": {"en": "{service} at {url} redirects to another host ({host}); not followed: point sitefinder "
                                "at the service's own address",
                          "zh": "{service}（{url}）重定向到其他主机（{host}）；未跟随：请让 sitefinder 指向该服务自己的地址"},
    "net.http_status": {"en": "{service} at {url} answered HTTP {code}; try again later",
                        "zh": "{service}（{url}）返回 HTTP {code}；请稍后再试"},
    "net.timeout": {"en": "{service} at {url} did not answer within {seconds:g} s; try again later, or allow it "
                          "longer with SITEFINDER_TIMEOUT",
                    "zh": "{service}（{url}）在 {seconds:g} 秒内没有回答；请稍后再试，或用 SITEFINDER_TIMEOUT 延长等待时间"},
    "net.broken": {"en": "{service} at {url} sent a broken answer ({name}); try again later",
                   "zh": "{service}（{url}）返回了损坏的回答（{name}）；请稍后再试"},
    "net.unreachable": {"en": "cannot reach {service} at {url}: {what}; check the network connection and try again",
                        "zh": "无法连接{service}（{url}）：{what}；请检查网络连接后重试"},
    # why a connection failed, by its errno (the system's own words, in English, otherwise)
    "net.os.refused": {"en": "the connection was refused", "zh": "连接被拒绝"},
    "net.os.no_network": {"en": "the network is unreachable", "zh": "网络不可达"},
    "net.os.no_host": {"en": "the host is unreachable", "zh": "主机不可达"},
    "net.os.unknown_host": {"en": "the host name is unknown (no network?)", "zh": "无法解析主机名（可能没有网络）"},
    "net.os.reset": {"en": "the connection was reset", "zh": "连接被重置"},
    "net.os.timed_out": {"en": "the connection timed out", "zh": "连接超时"},
    "net.redirects": {"en": "{service} at {url} redirects more than {most:time}; try again later",
                      "zh": "{service}（{url}）重定向超过 {most} 次；请稍后再试"},
    "net.too_large": {"en": "{service} at {url} sent more than {most} MB; that is not an answer sitefinder expects",
                      "zh": "{service}（{url}）返回了超过 {most} MB 的内容；这不是 sitefinder 预期的回答"},
    "geocoder.failed": {"en": "the geocoder at {url} failed: {name}; try again later, or without --online",
                        "zh": "在线地理编码服务（{url}）出错：{name}；请稍后再试，或不加 --online"},
    "geocoder.malformed": {"en": "the geocoder at {url} gave a malformed answer ({detail})",
                           "zh": "在线地理编码服务（{url}）的回答格式有误（{detail}）"},
    "geocoder.not_json": {"en": "the geocoder at {url} gave an answer that is not JSON",
                          "zh": "在线地理编码服务（{url}）的回答不是 JSON"},
    "geocoder.off_earth": {"en": "the geocoder at {url} answered coordinates that are not a place on Earth ({key_name} "
                                 "{value} {problem})",
                           "zh": "在线地理编码服务（{url}）给出的坐标不是地球上的地点（{key_name} {value} {problem}）"},
    "import.skipped": {"en": "{where}{nct}: {reason}", "zh": "{where}{nct}：{reason}"},
    "import.skipped.at": {"en": "{source} study {position}", "zh": "{source} 中的研究 {position}"},
    "data.at": {"en": "{where}: {problem}", "zh": "{where}：{problem}"},
    "geocoder.detail.not_object": {"en": "not a JSON object", "zh": "不是 JSON 对象"},
    "geocoder.detail.address": {"en": "address is not a JSON object", "zh": "address 不是 JSON 对象"},
    "geocoder.detail.field": {"en": "address.{field} is {type}, not text", "zh": "address.{field} 是 {type}，不是文本"},
    "geocoder.detail.display": {"en": "display_name is not text", "zh": "display_name 不是文本"},
    # what `import` wrote
    "import.title.one": {"en": "Imported {nct_id}", "zh": "已导入 {nct_id}"},
    "import.title.many": {"en": "Imported {count:trial}", "zh": "已导入 {count} 个试验"},
    "import.label.sites": {"en": "Sites", "zh": "研究中心"},
    "import.label.sites_file": {"en": "Sites file", "zh": "研究中心文件"},
    "import.label.trial_file": {"en": "Trial file", "zh": "试验文件"},
    "import.label.next": {"en": "Next", "zh": "下一步"},
    "import.placed": {"en": "{count}: {registry} placed by the registry, {gazetteer} by the offline gazetteer, "
                            "{unplaced} not placed",
                      "zh": "{count} 个：{registry} 个由登记处定位，{gazetteer} 个由离线地名库定位，{unplaced} 个未能定位"},
    "import.next": {"en": "sitefinder near CITY --sites {path}", "zh": "sitefinder near 城市 --sites {path}"},
    "import.label.left_out": {"en": "Left out", "zh": "未导入"},
    "import.left_out": {"en": "{trials:trial} and {sites:site} elsewhere, by {filter} (import without it for all)",
                        "zh": "{trials} 个试验和 {sites} 个研究中心在别处，因 {filter} 未导入（去掉该选项可全部导入）"},
    # info of a trial an import kept only some sites of (--country): the part is not the whole
    "info.registry_more": {"en": "{sites}, those of this dataset (imported with --country); the registry lists "
                                 "{total:site} in {countries:country|countries}",
                           "zh": "{sites}（本数据集导入时用 --country 只保留了这些；登记处共列出 {countries} 个国家的 "
                                 "{total} 个研究中心）"},
    # saved search pages that hold only part of their search (bulkimport.search_of): what was
    # imported is kept (exit 0), and the rest is said, with how to get it
    "import.search_partial": {"en": "{where} {given} of the {total:study|studies} the registry search found; the other "
                                    "{missing} are on pages not given, and were not imported. {how}",
                              "zh": "{where}登记处检索结果 {total} 个研究中的 {given} 个；其余 {missing} 个在未提供的其他页中，"
                                    "未导入。{how}"},
    "import.search_more": {"en": "{where} {given} of the studies of a registry search that has more pages (its "
                                 "nextPageToken is set); the rest were not imported. {how}",
                           "zh": "{where}登记处检索结果中的 {given} 个研究，该检索还有更多页（设有 nextPageToken），"
                                 "这些页未导入。{how}"},
    "import.search_one": {"en": "{source}, one page of a search, holds", "zh": "{source}（检索结果的一页）只包含"},
    "import.search_many": {"en": "The {count} search pages given ({sources}) hold",
                           "zh": "所提供的 {count} 个检索结果页（{sources}）只包含"},
    "import.search_rest.token": {"en": "To import the rest: fetch the next pages (the same API query with pageToken="
                                       "{token}) and import all the pages together, or download the whole search "
                                       "as the website's export (ctg-studies.json), or import the missing studies by "
                                       "id (sitefinder import NCT… --online).",
                                 "zh": "导入其余研究：用同一 API 查询加 pageToken={token} 获取后续页，与已有的页一起导入；或从网站下载"
                                       "整个检索的导出文件（ctg-studies.json）；或按编号导入缺少的研究（sitefinder import NCT… "
                                       "--online）。"},
    "import.search_rest": {"en": "To import the rest: fetch the other pages (the same API query) and import "
                                 "all the pages together, or download the whole search as the website's export "
                                 "(ctg-studies.json), or import the missing studies by id (sitefinder import NCT… --online).",
                           "zh": "导入其余研究：用同一 API 查询获取其他页，与已有的页一起导入；或从网站下载整个检索的导出文件"
                                 "（ctg-studies.json）；或按编号导入缺少的研究（sitefinder import NCT… --online）。"},
    # an import into a dataset already there: what became of its site ids (siteids.dataset_ids)
    "import.label.ids": {"en": "Site ids", "zh": "研究中心编号"},
    "import.label.changes": {"en": "Changes", "zh": "变化"},
    "import.change": {"en": "{nct_id}: {what}", "zh": "{nct_id}：{what}"},
    "import.ids": {"en": "{kept} kept; {added} added{added_ids}; {removed} removed{removed_ids}",
                   "zh": "{kept} 个不变；新增 {added} 个{added_ids}；移除 {removed} 个{removed_ids}"},
    "import.ids_added": {"en": ": {ids}", "zh": "：{ids}"},
    "import.ids_removed": {"en": ": {ids} (never reused)", "zh": "：{ids}（不再使用）"},
    "import.outside_country_notice": {"en": "Left out {count:study|studies} with no site in {country}: {ids}",
                                      "zh": "已略过 {count} 个在 {country} 没有研究中心的研究：{ids}"},
    "import.skipped_notice": {"en": "Skipped {line}", "zh": "已跳过 {line}"},
    "ids.named_more": {"en": "{ids} and {count} more", "zh": "{ids} 等另外 {count} 个"},
    "import.would_replace": {
        "en": "{out} holds the dataset of {trials}, which this import leaves out and would replace; nothing was "
              "written: add --replace to replace it, import its studies too to keep them, or choose another --out",
        "zh": "{out} 中已有 {trials} 的数据集，本次导入不包含它，会将其替换；未写入任何内容：如要替换请加 --replace，"
              "如要保留请一并导入其研究，或换一个 --out"},
    "import.replaced_notice": {"en": "Replaced the dataset of {trials} that was in {out} (--replace)",
                               "zh": "已替换 {out} 中原有的 {trials} 数据集（--replace）"},
    "import.point_set_aside": {"en": "Placed from its city, state and country, not by the registry's point, which lies "
                                     "far outside {stated}: {facility}",
                               "zh": "按城市、省州和国家定位，未用登记处的坐标（该坐标远在 {stated} 之外）：{facility}"},
    "import.status_unread": {"en": "{who}: the registry's status {status} is not one sitefinder knows; it is kept as "
                                    "no status (the trial's is shown for a site; Unknown for a trial)",
                             "zh": "{who}：登记处的状态 {status} 不在 sitefinder 已知的状态中；按无状态保存（研究中心显示试验的状态，"
                                   "试验显示为状态不明）"},
    "import.not_placed": {"en": "Not placed (listed, but never ranked by distance): {facility}",
                          "zh": "未能定位（会列出，但不参与距离排序）：{facility}"},
    # where a site's point came from (sites.csv's coordinate_source keeps the English: "registry",
    # importer.gazetteer_source's words; source_words says it in the answer's language)
    "site.from_registry": {"en": "registry", "zh": "登记处给出"},
    "source.gazetteer": {"en": "GeoNames {geonameid} ({place})", "zh": "离线地名库：{place}，编号 {geonameid}"},
    "source.postal": {"en": "GeoNames postal codes ({place}, {state})", "zh": "离线地名库的邮政编码：{place}，{state}"},
    "source.seat": {"en": "division seat ({place})", "zh": "行政区驻地：{place}"},
    # a row's city cell where the registry gives no city: its country instead (views.no_city)
    "site.no_city": {"en": "no city given", "zh": "未给出城市"},
    "site.no_city_in": {"en": "no city given ({country})", "zh": "未给出城市（{country}）"},
    # what `update` changed
    "update.earlier_unreadable": {"en": "The earlier copy could not be read ({problem}); it is replaced.",
                                  "zh": "先前的副本无法读取（{problem}）；已替换。"},
    "update.unreadable": {"en": "The data in use could not be read ({problem}); they are replaced.",
                          "zh": "当前使用的数据无法读取（{problem}）；已替换。"},
    "update.added": {"en": "added", "zh": "新增"},
    "update.removed": {"en": "removed", "zh": "移除"},
    "update.changed": {"en": "changed", "zh": "变更"},
    "update.was": {"en": "(was {status})", "zh": "（原为 {status}）"},
    "update.status": {"en": "status: {before} → {after}", "zh": "状态：{before} → {after}"},
    "update.contacts": {"en": "contacts: {before} → {after}", "zh": "联系人：{before} → {after}"},
    "update.nobody": {"en": "none", "zh": "无"},
    "update.every_command": {"en": "every command now uses them (--sites still wins)",
                             "zh": "现在每个命令都使用这些数据（--sites 仍优先）"},
    "update.use_with": {"en": "use them with --sites {path}", "zh": "请用 --sites {path} 使用这些数据"},
    "update.saved": {"en": "Saved in {folder}; {where}.", "zh": "已保存在 {folder}；{where}。"},
    "update.trial_status": {"en": "The trial's overall status, shown for every site that states none: {before} → {after}.",
                            "zh": "试验的总体状态（显示在所有未注明自身状态的研究中心）：{before} → {after}。"},
    "update.title": {"en": "{nct_id}: {count:site}; {added} added, {removed} removed, {changed} changed since the data "
                           "of {before}",
                     "zh": "{nct_id}：{count} 个研究中心；自 {before} 的数据以来新增 {added} 个，移除 {removed} 个，变更 {changed} 个"},
    "update.unknown_date": {"en": "unknown date", "zh": "日期不明"},
    "update.nothing": {"en": "Nothing changed.", "zh": "没有任何变化。"},
    "update.ids": {"en": "Site ids: {parts}; every other site keeps its id.", "zh": "研究中心编号：{parts}；其他研究中心的编号不变。"},
    "update.ids_added": {"en": "added {ids}", "zh": "新增 {ids}"},
    "update.ids_removed": {"en": "removed {ids} (never reused)", "zh": "移除 {ids}（不再使用）"},
    "update.trial_sites": {"en": "{count:site}; {added} added, {removed} removed, {changed} changed",
                           "zh": "{count} 个研究中心；新增 {added} 个，移除 {removed} 个，变更 {changed} 个"},
    "update.not_returned": {"en": "not returned by the registry; kept", "zh": "登记处未返回；保持原样"},
    "update.not_returned_notice": {"en": "The registry did not return {count:trial} of the {total} asked for: {ids}; {kept}",
                                   "zh": "登记处没有返回所请求的 {total} 个试验中的 {count} 个：{ids}；{kept}"},
    "update.kept": {"en": "their data are kept as they were", "zh": "其数据保持原样"},
    "dataset.waiting": {"en": "Waiting for another import or update in {path} to finish (at most {seconds} s)…",
                        "zh": "正在等待 {path} 中的另一个导入或更新完成（最多 {seconds} 秒）…"},
    "dataset.busy": {"en": "another import or update is running in {path} (it holds {lock}); try again when it has "
                           "finished",
                     "zh": "另一个导入或更新正在 {path} 中进行（它持有 {lock}）；请在它完成后再试"},
    "update.unusable_study": {"en": "the registry's record of {nct_id} cannot be used ({problem}); no trial was "
                                    "refreshed ({total:trial} asked for) and nothing was written: the data in use "
                                    "are as they were",
                              "zh": "登记处关于 {nct_id} 的记录无法使用（{problem}）；没有任何试验被更新（共请求 {total} 个），"
                                    "未写入任何内容：当前使用的数据保持原样"},
    "update.nothing_written": {"en": "nothing was written: the data in use are as they were",
                               "zh": "未写入任何内容：当前使用的数据保持原样"},
    "update.dataset_saved": {"en": "Saved in {folder}; use them with --sites {path}.",
                             "zh": "已保存在 {folder}；请用 --sites {path} 使用这些数据。"},
    "update.unchanged_not_listed": {"en": "{count:trial} unchanged, not listed (--json lists every trial).",
                                    "zh": "{count} 个试验无变化，未列出（--json 列出所有试验）。"},
    "update.site_changes": {"en": "Site changes of {count:trial}", "zh": "{count} 个试验的研究中心变化"},
    "update.dataset_unchanged": {"en": "The registry's records are the data in use; nothing was written to {path}.",
                                 "zh": "登记处的记录与当前使用的数据相同；未写入 {path}。"},
    "update.dataset_unwritten": {"en": "Nothing was written; {path} is as it was.",
                                 "zh": "未写入任何内容；{path} 保持原样。"},
    # the trials' own status and their sites' apart: "0 changed status" with a site gone Completed misled
    "update.dataset_title": {"en": "{refreshed} of {count:trial} refreshed ({changed} changed, {unchanged} unchanged, "
                                   "{missing} not returned); status changed: {moved:trial}, {sites_moved:site}",
                             "zh": "{count} 个试验中已更新 {refreshed} 个（有变化 {changed} 个，无变化 {unchanged} 个，"
                                   "未返回 {missing} 个）；状态有变化：试验 {moved} 个，研究中心 {sites_moved} 个"},
    "label.change": {"en": "Change", "zh": "变化"},
    "label.what": {"en": "What", "zh": "内容"},
    # the terminal map's lines
    "map.outside": {"en": " (outside this view)", "zh": "（不在此视图内）"},
    # A site's location_note: how the import placed it (placement.py, importer.py). The sites file
    # keeps the English, as every reader of the file before these phrases did; `note_words` reads
    # it back by these templates and says it in the reader's language (a note of several sentences,
    # each one of these). Every value is text (names as the registry and the gazetteer write them,
    # numbers formatted), or a phrase of its own.
    "placed.no_city": {"en": "Could not be placed: the registry gives no city.", "zh": "无法定位：登记处未给出城市。"},
    "placed.field_too_long": {"en": "Could not be placed: the registry's {field} is longer than any place name (length {length}).",
                            "zh": "无法定位：登记处的{field}长达 {length} 个字符，不可能是地名。"},
    "placed.unknown_country": {"en": "Could not be placed: the offline gazetteer does not know the country {country}.",
                             "zh": "无法定位：离线地名库中没有国家 {country}。"},
    "placed.ward_of_several": {"en": "Could not be placed: {city} is a ward of {cities}, and the registry gives no "
                                   "prefecture to tell which.",
                             "zh": "无法定位：{city} 是 {cities} 的区，而登记处未给出都道府县，无法判断是哪一个。"},
    "placed.ward_no_state": {"en": "The registry gives no state; {city} is {described}: placed in {state}.",
                           "zh": "登记处未给出州省；{city} 是{described}：定位于 {state}。"},
    "placed.state_slip": {"en": "The registry gives the state {state}, but {place} is in {region}: placed there.",
                        "zh": "登记处给出的州省是 {state}，但 {place} 位于 {region}：按该处定位。"},
    "placed.not_in_state.many": {"en": "Could not be placed: there is no {city} in {state}, and {count} places of that "
                                     "name in {where}.",
                               "zh": "无法定位：{state} 没有 {city}，而{where}有 {count} 个同名地点。"},
    "placed.not_in_state.one": {"en": "Could not be placed: there is no {city} in {state}, and the one {place} elsewhere, "
                                    "in {region}, is not a likely slip of the state.",
                              "zh": "无法定位：{state} 没有 {city}；别处唯一的 {place} 位于 {region}，不像是州省写错。"},
    "placed.unknown_place": {"en": "Could not be placed: the offline gazetteer does not know {where}.",
                           "zh": "无法定位：离线地名库中没有 {where}。"},
    "placed.unknown_place.unsearched": {
        "en": "Could not be placed: the offline gazetteer does not know {where} (not searched for as a misspelling: "
              "this import had already searched for {most}).",
        "zh": "无法定位：离线地名库中没有 {where}（未按拼写错误查找：本次导入已查找了 {most} 个）。"},
    "placed.namesakes.state": {"en": "The registry's city {city} names {count} places in {state}: placed at {used}; "
                                   "the other{s}: {named}{more}.",
                             "zh": "登记处的城市 {city} 在 {state} 有 {count} 个同名地点：定位于 {used}；其他：{named}{more}。"},
    "placed.namesakes.china": {"en": "The registry gives no state, and {city} names {count} places in China: placed at "
                                   "{used}; the other{s}: {named}{more}.",
                             "zh": "登记处未给出省份，而 {city} 在中国有 {count} 个同名地点：定位于 {used}；其他：{named}{more}。"},
    "placed.namesakes": {"en": "The registry gives no state, and {city} names several places in {where}: placed at the "
                             "most populous, {best}; the others: {named}{more}.",
                       "zh": "登记处未给出州省，而 {city} 在{where}有多个同名地点：定位于人口最多的 {best}；其他：{named}{more}。"},
    "placed.division_seat": {"en": "The registry's city {city} is the division {used}: placed at its seat.",
                           "zh": "登记处的城市 {city} 即行政区 {used}：按其驻地定位。"},
    "placed.taiwan_township": {"en": "The registry's city {city} is Taiwan's {place}: placed at its seat.",
                             "zh": "登记处的城市 {city} 即台湾的 {place}：按其驻地定位。"},
    "placed.taiwan_former_county": {"en": "The registry's city {city} is Taiwan's {place}, written with the county it "
                                        "was in ({state}): placed at its seat.",
                                  "zh": "登记处的城市 {city} 即台湾的 {place}，连同其原属的县（{state}）写出：按其驻地定位。"},
    "placed.city_for_state": {"en": "The registry's city {city} is not in the offline gazetteer, and its state {state} "
                                  "is the city {place}, {region}: placed there (approximate).",
                            "zh": "离线地名库中没有登记处的城市 {city}，而其州省 {state} 是城市 {place}（{region}）："
                                  "按该城市定位（近似）。"},
    "placed.korean_ward.several": {"en": "Could not be placed: {city} is a district of {named}, and the registry gives "
                                       "no state or postal code to tell which.",
                                 "zh": "无法定位：{city} 是 {named} 的区，而登记处未给出州省或邮政编码，无法判断是哪一个。"},
    "placed.korean_ward": {"en": "The registry's city {city} is a district of {place} the offline gazetteer does not "
                               "know: placed at {place} (approximate).",
                         "zh": "登记处的城市 {city} 是离线地名库中没有的 {place} 的区：按 {place} 定位（近似）。"},
    "placed.qualified_namesake": {"en": "The registry's city {city} is read as {place}, {region}, far larger than "
                                      "{name}, {name_region}, the place of exactly that name.",
                                "zh": "登记处的城市 {city} 读作 {place}（{region}），它远大于恰好同名的 {name}（{name_region}）。"},
    "placed.postal_code_place": {"en": "The registry's postal code {code} is by {place}, {region}: placed there, not at "
                                     "a larger place of that name.",
                               "zh": "登记处的邮政编码 {code} 位于 {place}（{region}）附近：按该处定位，而非更大的同名地点。"},
    "placed.postal_town": {"en": "The registry's city {city} is a postal town the offline gazetteer's places do not "
                               "include: placed at the middle of its postal codes in {region}.",
                         "zh": "登记处的城市 {city} 是离线地名库地点中没有的邮政地名：按其在 {region} 的各邮政编码的中心定位。"},
    "placed.postal_code": {"en": "The registry's city {city} is not in the offline gazetteer: placed at its postal code "
                               "{code} ({place}, {region}).",
                         "zh": "离线地名库中没有登记处的城市 {city}：按其邮政编码 {code}（{place}，{region}）定位。"},
    "placed.division_town": {"en": "The registry's city {city} is a district (second-level division) of {region} the "
                                 "offline gazetteer has no place of that name for: placed at {place}, its largest "
                                 "place (approximate).",
                           "zh": "登记处的城市 {city} 是 {region} 的二级行政区，离线地名库中没有同名地点：按区内最大的地点 "
                                 "{place} 定位（近似）。"},
    "placed.postal_short": {"en": "The registry's city {city} is a postal town written short: the one postal locality "
                                "of {region} whose name begins so, placed at the middle of its postal codes.",
                          "zh": "登记处的城市 {city} 是简写的邮政地名：{region} 唯一以此开头的邮政地点，按其各邮政编码的中心定位。"},
    "placed.division_middle": {"en": "The registry's city {city} is the division {division}, not a city: placed at its "
                                   "middle.",
                             "zh": "登记处的城市 {city} 是行政区 {division}，不是城市：按其中心定位。"},
    "placed.main_city": {"en": "The registry's city {city} is {kind} the offline gazetteer does not know in {where}: "
                             "placed at {place}, its main city (approximate).",
                       "zh": "登记处的城市 {city} 是离线地名库中没有的 {where} 的{kind}：按其主要城市 {place} 定位（近似）。"},
    "placed.close_spelling": {"en": "The registry's city {city} is read as {place}, {region} (the one close spelling in "
                                  "{countries}).",
                            "zh": "登记处的城市 {city} 读作 {place}（{region}）（{countries} 唯一拼写相近的地名）。"},
    "placed.old_romanisation": {"en": "{city} is the old romanisation of {modern}.", "zh": "{city} 是 {modern} 的旧式拼写。"},
    "placed.placed_at": {"en": "Registry city {city} is placed at {place}, {region}.",
                       "zh": "登记处的城市 {city} 定位于 {place}（{region}）。"},
    "placed.point_kept": {"en": "The registry's point ({latitude}, {longitude}) is more than {km} km from every place of "
                              "{outside}, and the text could not be placed offline: the point is kept. ({note})",
                        "zh": "登记处的坐标（{latitude}, {longitude}）距 {outside} 的任何地点都超过 {km} 公里，而文字无法离线"
                              "定位：保留该坐标。（{note}）"},
    "placed.point_set_aside": {"en": "The registry's point ({latitude}, {longitude}) is more than {km} km from every "
                                   "place of {outside}: placed from the text instead.",
                             "zh": "登记处的坐标（{latitude}, {longitude}）距 {outside} 的任何地点都超过 {km} 公里：改按文字定位。"},
    # the words inside a note (values that are phrases of their own)
    "placed.word.city": {"en": "city", "zh": "城市"},
    "placed.word.state": {"en": "state", "zh": "州省"},
    "placed.word.country": {"en": "country", "zh": "国家"},
    "placed.word.postal_code": {"en": "postal code", "zh": "邮政编码"},
    "placed.word.world": {"en": "the world", "zh": "全世界"},
    "placed.word.a_ward": {"en": "a ward", "zh": "区"},
    "placed.word.a_place": {"en": "a place", "zh": "地点"},
    "placed.word.more": {"en": " and {count} more", "zh": "等（另有 {count} 个）"},
    "placed.word.and": {"en": "{first} and {last}", "zh": "{first}和{last}"},
    "placed.word.from_postal_code": {"en": "{state} (from the postal code {code})", "zh": "{state}（据邮政编码 {code}）"},
    "placed.word.capital_ward": {"en": "one of {capital}'s {wards}{also}", "zh": "{capital}的{wards}之一{also}"},
    "placed.word.largest_of": {"en": " (the largest of the {count} cities with a district of that name)",
                             "zh": "（有此区名的 {count} 个城市中最大的）"},
    "placed.word.tokyo_wards": {"en": "23 special wards", "zh": "23 个特别区"},
    "placed.word.seoul_districts": {"en": "25 districts", "zh": "25 个区"},
    "placed.word.designated_ward": {"en": "a ward of {cities}, and of no other designated city",
                                  "zh": "{cities}的区（其他政令指定都市没有此区）"},
}


# `info`'s field labels in Chinese, by the field's key (views.trial_fields; CSV keeps the keys).
INFO_LABELS_ZH = {
    "status": "状态", "call": "联系电话", "title": "标题", "trial": "试验", "start": "开始日期",
    "completion": "预计完成日期", "completed": "完成日期", "summary": "简介", "who_may_join": "入组条件",
    "can_join": "可以参加", "cannot_join": "不能参加", "ages_sex": "年龄、性别", "phase": "分期",
    "conditions": "疾病", "treatments": "治疗", "arms": "分组", "enrollment": "计划入组", "sponsor": "申办方",
    "sites": "研究中心", "contact": "其他联系人", "registry": "登记页面", "data": "数据",
}
_AGE_UNITS_ZH = {"years": "岁", "year": "岁", "months": "个月", "month": "个月", "weeks": "周", "week": "周",
                 "days": "天", "day": "天"}


def ages_and_sex_zh(minimum: str, maximum: str, sex: str) -> str:
    """"18 岁及以上；性别不限", "18 至 75 岁；仅限女性": the registry's age and sex enums in Chinese."""
    def age(text: str) -> str:
        number, _, unit = text.strip().partition(" ")
        return f"{number} {_AGE_UNITS_ZH.get(unit.lower() or 'years', unit)}"

    if minimum and maximum:
        ages = f"{age(minimum)}至 {age(maximum)}"
    elif minimum:
        ages = f"{age(minimum)}及以上"
    elif maximum:
        ages = f"{age(maximum)}及以下"
    else:
        ages = "年龄不限"
    return f"{ages}；" + {"FEMALE": "仅限女性", "MALE": "仅限男性"}.get(sex.upper(), "性别不限")


class Phrase(str):
    """A phrase of the catalogue as said in one language: text that remembers the key it was said
    from, so that a notice keeps a stable code wherever it goes (JSON's `notices` carry it), and the
    values and language it was said with, so that a command it suggests can be said again with the
    options that chose the data (`spoken`; China's notices are said in their language where made)."""

    key: str
    values: Mapping[str, object]
    lang: str | None

    def __new__(cls, text: str, key: str, values: Mapping[str, object] | None = None,
                lang: str | None = None) -> Phrase:
        phrase = super().__new__(cls, text)
        phrase.key, phrase.values, phrase.lang = key, dict(values or {}), lang
        return phrase


class Suggestion(str):
    """A command a phrase suggests, as the person types it back ("sitefinder list --province 吉林").
    The core that makes the phrase does not know the options that chose the data (`--sites PATH`);
    the view that shows it does, and adds them (`spoken`): one rule for every hint of every module,
    where each once wrote `sitefinder list …` into its own text and a hint after `--sites mine.csv`
    listed the shipped trial."""


def suggestion(*words: str) -> Suggestion:
    return Suggestion(command(*words))


def with_options(values: Mapping[str, object], options: str) -> dict[str, object] | None:
    """`values` with each command they suggest followed by `options` (in a phrase within a phrase
    too); None when they suggest none, so that the phrase is shown as it was said."""
    if not options:
        return None
    given, changed = dict(values), False
    for name, value in values.items():
        if isinstance(value, Suggestion):
            given[name], changed = Suggestion(f"{value} {options}"), True
        elif isinstance(value, (Said, Phrase)) and (inner := with_options(value.values, options)) is not None:
            given[name], changed = (said(value.key, **inner) if isinstance(value, Said)
                                    else say(value.key, value.lang, **inner)), True
    return given if changed else None


class Said(str):
    """A phrase of the catalogue, as text its English (what the core's callers and --debug read),
    that remembers its key and values: a notice or a hint the core makes is said again in the
    answer's language where it is shown (`spoken`), and as a value of another phrase, in that
    phrase's language."""

    key: str
    values: Mapping[str, object]

    def __new__(cls, key: str, values: Mapping[str, object]) -> Said:
        text = super().__new__(cls, say(key, "en", **values))
        text.key, text.values = key, dict(values)
        return text


def said(key: str, **values: object) -> Said:
    return Said(key, values)


IDS_NAMED = 5  # ids a notice or an error names of a list: a line a person reads, not the list


def ids_named(ids: Sequence[str], first: int = IDS_NAMED) -> str:
    """A list of ids (trials replaced, left out, not returned) as a message names it: the first few,
    then how many more ("NCT…, NCT… and 184 more"); the JSON keeps the whole list. The one rule, so
    that a notice never names 189 ids on one line while the refusal of the same case names five."""
    shown = ", ".join(ids[:first])
    rest = len(ids) - first
    return said("ids.named_more", ids=shown, count=rest) if rest > 0 else shown  # a Said: in the message's language


# The JSON parser's reasons (CPython's json.decoder and its C scanner), said in the answer's language:
# "（第 2 行：Expecting property name enclosed in double quotes）" was English in a Chinese error.
_JSON_REASONS = (
    ("Expecting value", "json.value"), ("Expecting property name", "json.property_name"),
    ("Expecting ':'", "json.colon"), ("Expecting ','", "json.comma"), ("Unterminated string", "json.unterminated"),
    ("Invalid control character", "json.control"), ("Invalid \\uXXXX", "json.unicode_escape"),
    ("Invalid \\escape", "json.escape"), ("Extra data", "json.extra"), ("Illegal trailing comma", "json.trailing_comma"),
)


def json_reason(exc: ValueError) -> str:
    """Why a text is no JSON, as a phrase of the catalogue for the parser's known reasons, else its own words."""
    message = getattr(exc, "msg", str(exc))
    key = next((key for start, key in _JSON_REASONS if message.startswith(start)), None)
    return said(key) if key else message


# The csv reader's reasons (CPython's _csv.c): "不是有效的 CSV：unexpected end of data" was English
# in a Chinese error. Each a pattern of the reader's words and the phrase that says them.
_CSV_REASONS = (
    (r"unexpected end of data", "csv.end"), (r"field larger than field limit \((?P<most>\d+)\)", "csv.field_limit"),
    (r"'(?P<wanted>.)' expected after '(?P<after>.)'", "csv.expected_after"),
    (r"new-line character seen in unquoted field", "csv.newline"),
)


def csv_reason(exc: Exception) -> str:
    """Why a text is no CSV, as a phrase of the catalogue for the reader's known reasons, else its own words."""
    import re

    message = str(exc)
    for pattern, key in _CSV_REASONS:
        if found := re.match(pattern, message):
            return said(key, **{name: int(value) if value.isdigit() else value
                                for name, value in found.groupdict().items()})
    return message


def os_reason(exc: OSError) -> str:
    """What the system refused, as a phrase said in the answer's language for the common errnos
    ("No space left on device": 磁盘空间不足), else the system's own words: `near 广州 >/dev/full`
    gave a Chinese error with English inside. The one place an OSError's reason is worded."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    if f"os.{name}" in MESSAGES:
        return said(f"os.{name}")
    return str(exc.strerror or type(exc).__name__)


def say(key: str, lang: str | None = "en", **values: object) -> str:
    """The phrase `key` in `lang` ("en" or "zh"; None is English), with `values` filled in; a value
    that is itself a phrase (`said(...)`) is said in `lang` too.

    A number is said with its noun by the noun's singular after a colon: "{count:site}" is "1 site",
    "2 sites"; "{total:study|studies}" names an irregular plural (Count; a Chinese phrase writes its
    measure word instead, "{count} 个研究中心"). `s` is filled in for phrases that write the ending
    themselves ("{count} more site{s}") when a `count` is given and `s` is not: the same rule.
    """
    phrases = MESSAGES[key]
    text = phrases.get(lang or "en") or phrases["en"]
    given = dict(values)
    if "count" in values and "s" not in values:
        count = values["count"]
        values["s"] = plural_ending(count if isinstance(count, int) else 0)
    for name, value in values.items():
        if isinstance(value, int) and not isinstance(value, bool):
            values[name] = Count(value)  # "{count:site}": the number with its noun (plural)
        elif isinstance(value, Said):
            values[name] = say(value.key, lang, **value.values)
        elif isinstance(value, tuple):  # names to choose from: "Guangzhou or Guangzhou Shi", "A 或 B"
            values[name] = say("error.or", lang).join(say(item.key, lang, **item.values) if isinstance(item, Said)
                                                      else str(item) for item in value)
    return Phrase(text.format(**values), key, given, lang)


# The values of a location note that may be phrases of their own ("the world", "a ward", a state
# "(from the postal code …)", the note of a point kept): only these are read back as phrases, so
# that a place's name ("Trinidad and Tobago") is never read as one ("{first} and {last}"). A count
# is digits, so that "{named}{more}" tells the names from " and 3 more".
_NOTE_PHRASE_VALUES = frozenset(("field", "state", "where", "described", "kind", "named", "more", "also", "wards",
                                 "note"))
_NOTE_NUMBER_VALUES = frozenset(("count", "length", "most"))
_NOTE_PATTERNS: dict[bool, list[tuple[str, re.Pattern[str]]]] = {}


def _note_templates(words: bool) -> list[tuple[str, re.Pattern[str]]]:
    """The English of the catalogue's location-note phrases ("placed.*"; with `words`, the phrases
    inside them, "placed.word.*") as patterns that read a note back: a field any text (digits for
    a count), a field named twice the same text."""
    import re
    import string

    found = _NOTE_PATTERNS.get(words)
    if found is None:
        found = []
        for key, phrases in MESSAGES.items():
            if not key.startswith("placed.") or key.startswith("placed.word.") != words:
                continue
            parts, seen, after_field = [], set(), False
            for literal, field, _, _ in string.Formatter().parse(phrases["en"]):
                parts.append(re.escape(literal))
                if field:
                    text = ("[0-9][0-9,]*" if field in _NOTE_NUMBER_VALUES
                            else f"(?:{_word_patterns()})?" if after_field and not literal and field in _NOTE_PHRASE_VALUES
                            else ".*?")  # "{named}{more}": what follows a field is one of the phrases, or nothing
                    parts.append(f"(?P={field})" if field in seen else f"(?P<{field}>{text})")
                    seen.add(field)
                after_field = bool(field)
            found.append((key, re.compile("".join(parts), re.DOTALL)))
        # the phrase of the most fixed words first: "… is Taiwan's {place}, written with the county
        # it was in ({state}): …" before "… is Taiwan's {place}: …", which would read it too
        found.sort(key=lambda item: -len(item[1].pattern.replace(".*?", "")))
        _NOTE_PATTERNS[words] = found
    return found


def _word_patterns() -> str:
    """The phrases inside a note ("placed.word.*") that start with words of their own (" and 3
    more", not "{first} and {last}", which would read any names), as one pattern without names."""
    import re
    import string

    return "|".join("".join(re.escape(literal) + ("" if not field else "[0-9][0-9,]*" if field in _NOTE_NUMBER_VALUES
                                                   else ".*?")
                            for literal, field, _, _ in string.Formatter().parse(MESSAGES[key]["en"]))
                    for key in MESSAGES if key.startswith("placed.word.") and MESSAGES[key]["en"][:1] not in "{")


def _note_phrase(text: str, words: bool, lang: str, names: Mapping[str, str]) -> str | None:
    """`text` as one location-note phrase of the catalogue said in `lang`, else None."""
    for key, pattern in _note_templates(words):
        found = pattern.fullmatch(text)
        if found:
            return say(key, lang, **{name: _note_value(name, value, lang, names) for name, value in found.groupdict().items()})
    return None


def _note_value(name: str, value: str, lang: str, names: Mapping[str, str]) -> str:
    if name in _NOTE_PHRASE_VALUES and value:
        if name == "note":
            return note_words(value, lang, names)
        phrase = _note_phrase(value, True, lang, names)
        if phrase is not None:
            return phrase  # else a name ("Brazil" where a phrase may stand): said as a name is
    if lang != "zh":
        return value
    parts = value.split(", ")
    if value not in names and len(parts) > 1 and all(part in names for part in parts):
        return "、".join(names[part] for part in parts)  # "China, Hong Kong, Macao": 中国、香港、澳门
    if value not in names and "; " in value:  # the namesakes named: "A (甲); B (乙)", each as `names` says it
        return "、".join(names.get(part, part) for part in value.split("; "))
    return names.get(value, value)


def note_words(note: str, lang: str | None, names: Mapping[str, str] | None = None) -> str:
    """A site's location_note (how the import placed it) in `lang`: its sentences, each a
    location-note phrase of the catalogue, said in that language; what follows the last one read
    (the reason gazetteer/aliases.csv gives a registry spelling, a note a person wrote, a note of
    an older version no phrase reads) as it is. The file keeps the English; this is the one
    reading of it. A sentence ends at ". " or ") " (a phrase may hold several: a note within one);
    the reading that covers the most of the note wins, so a name with a full stop ("St. Louis")
    stays whole. `names`: what the note names, in Chinese, by its English (ChineseNames.notes: a
    place, its region, an alias's reason): a value of a phrase, or what follows the last phrase,
    that is one of them is said so (定位于 赣州（江西）, not Ganzhou（Jiangxi）)."""
    if lang != "zh" or not note:
        return note
    lang_: str = lang
    known: Mapping[str, str] = names if names is not None else {}
    ends = [at + 1 for at in range(len(note) - 1) if note[at] in ".)" and note[at + 1] == " "] + [len(note)]
    best: dict[int, tuple[int, list[str]]] = {}

    def read_from(start: int) -> tuple[int, list[str]]:  # (where the reading stops, the phrases said)
        if start not in best:
            best[start] = (start, [])
            for end in (end for end in ends if end > start):
                phrase = _note_phrase(note[start:end], False, lang_, known)
                if phrase is not None:
                    stop, rest = read_from(end + 1) if end < len(note) else (len(note), [])
                    if stop > best[start][0]:
                        best[start] = (stop, [phrase, *rest])
        return best[start]

    stop, phrases = read_from(0)
    rest = note[stop:]
    return "".join(phrases) + known.get(rest.strip(), rest)


_SOURCE_KEYS = ("source.gazetteer", "source.postal", "source.seat")


def source_words(source: str, lang: str | None, names: Mapping[str, str] | None = None) -> str:
    """A site's coordinate_source in `lang`: the registry's point, a gazetteer place, its postal
    codes, a division's seat, each by its phrase ("registry" is the file's code for the first); the
    places it names in Chinese where `names` has them (ChineseNames.notes: Okazaki, 冈崎), else as the
    gazetteer names them, as a Chinese table names a city; a source no phrase reads (a person's
    own words in a file) as it is."""
    if source == "registry":
        return say("site.from_registry", lang)
    if lang != "zh" or not source:
        return source
    import re

    known: Mapping[str, str] = names or {}
    for key in _SOURCE_KEYS:
        pattern = re.escape(MESSAGES[key]["en"]).replace(r"\{geonameid\}", r"(?P<geonameid>[0-9]+)")
        for field in ("place", "state"):
            pattern = pattern.replace(re.escape("{" + field + "}"), f"(?P<{field}>.+?)")
        found = re.fullmatch(pattern, source)
        if found:
            return say(key, lang, **{field: known.get(value, value) for field, value in found.groupdict().items()})
    return source


class _Asked(dict[str, str]):
    """A names mapping that records what is asked of it and knows nothing: note_values' reader."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        self.asked.append(key)
        return default

    def __contains__(self, key: object) -> bool:
        return False

    def __bool__(self) -> bool:  # asked, though empty (note_words reads "names or {}")
        return True


def note_values(note: str) -> list[str]:
    """The names a location note holds (its phrases' values, and what follows the last phrase),
    as note_words reads them, in their order: what the core looks up in Chinese for it
    (queries.note_names_zh), so that no name the note says is left in English where one is known."""
    asked = _Asked()
    note_words(note, "zh", asked)
    return list(dict.fromkeys(value for value in asked.asked if value.strip()))


def spoken(note: str, lang: str | None, options: str = "") -> str:
    """A notice as the person reads it: a phrase of the catalogue said in `lang`; text as it is
    (China's notices are said in the answer's language where they are made); either with `options`
    (`--sites PATH`) after each command it suggests (Suggestion)."""
    completed = with_options(note.values, options) if options and isinstance(note, (Said, Phrase)) else None
    if isinstance(note, Said):
        return say(note.key, lang, **(note.values if completed is None else completed))
    if completed is not None and isinstance(note, Phrase):
        return say(note.key, note.lang, **completed)
    return note


def place_not_found(query: str, suggestions: Sequence[str], hint: str | Said, lang: str | None) -> str:
    """"no place called 'Guangzou' is known; did you mean Guangzhou, Guangdong? (…)", in the answer's
    language (`lang`, else the script of the query): a patient who typed 广洲 reads it in Chinese."""
    language = language_of(lang, query)
    message = say("error.no_place", language, query=quoted(query))
    if suggestions:
        said_in = [spoken(name, language) for name in suggestions]  # a suggestion of the gazetteer's, in Chinese too
        names = said_in if len(said_in) == 1 else [f'"{name}"' for name in said_in]
        message += say("error.did_you_mean", language, names=tuple(names))
    return message + (say("error.hint", language, hint=hint) if hint else "")


def plural(count: int, singular: str, many: str | None = None, grouped: bool = False) -> str:
    """"1 site", "2 sites": never "site(s)", never "its 1 sites". The one rule of English counts:
    every phrase's (Count, `{s}`) and every view's. `grouped`: thousands apart ("12,345 sites")."""
    number = f"{count:,}" if grouped else str(count)
    return f"{number} {singular if count == 1 else (many or singular + plural_ending(count))}"


def plural_ending(count: int) -> str:
    return "" if count == 1 else "s"


class Count(int):
    """A number in a phrase of the catalogue, which says its noun when the phrase gives one:
    format(Count(1), "site") is "1 site", format(Count(3), "study|studies") "3 studies",
    format(Count(12345), ",site") "12,345 sites"; a numeric format ("", ",", "d") is the number's."""

    def __format__(self, spec: str) -> str:
        noun = spec.removeprefix(",")
        if len(noun) > 1 and noun[0].isalpha():
            singular, _, many = noun.partition("|")
            return plural(int(self), singular, many or None, grouped=noun != spec)
        return format(int(self), spec)


def closed_note(count: int, command: str, lang: str | None = "en") -> str:
    """"2 closed sites (no longer enrolling) left out; to see them: sitefinder near X --all"."""
    return say("note.closed_left_out", lang, count=count, command=command, them="it" if count == 1 else "them")


def command(*words: str, options: str = "") -> str:
    """A command to try, with the options that chose the data (`--sites PATH`) repeated, so that
    a hint after `near X --sites mytrial/sites.csv` opens that trial's site, not the shipped one.

    A word with a space or a shell character is quoted ("Taizhou, Jiangsu" → 'Taizhou, Jiangsu').
    """
    return " ".join(["sitefinder", *(shell_word(word) for word in words), *([options] if options else [])])


def skipped_phrase(source: str, position: int | None, nct_id: str, reason: str) -> str:
    """A study an import left out: where it was, its NCT id, and why, as a phrase of the catalogue
    (its English as text: JSON's `skipped` lines; said again in an error's language). Here, not in
    the output, because the importer's errors say it too."""
    where = said("import.skipped.at", source=source, position=position) if position is not None else source
    return said("import.skipped", where=where, nct=f" ({nct_id})" if nct_id else "", reason=reason)


def refresh_command(nct_id: str, options: str = "") -> str:
    """The command that refreshes the data an answer read, for every view that says they are stale
    (one rule): the data the options chose, refreshed where they are (`update --sites
    DIR/sites.csv`); else the trial by its id (`nct_id`), which `update` refreshes inside the data
    in use (the default data, or the dataset SITEFINDER_SITES names when it holds that trial); ""
    for an answer of several trials (or an unknown one): `update` refreshes every trial of the data
    in use."""
    if options.split()[:1] == ["--sites"]:  # the options: the data's first (`--sites PATH`), then --lang
        return command("update", options=options)
    return command("update", *([nct_id] if nct_id else []), options=options)


def shell_word(word: str) -> str:
    """A word as typed at a shell: as it is when every character is safe there (广州, 22.54,114.06,
    --all), else quoted (shlex's quoting would quote every non-ASCII word: '广州')."""
    if word and all(char.isalnum() or char in "-_.,/:@%+=" for char in word):
        return word
    import shlex

    return shlex.quote(word)


def data_options(sites: object, from_environment: str | None, lang: str | None = None) -> str:
    """The options every suggested command repeats: `--sites PATH` when it was typed (nothing when it
    came from SITEFINDER_SITES, which the next command reads too, or was not given), then `--lang`
    when it was typed. One rule for a notice's commands (cli) and an error's (process)."""
    typed = sites is not None and not (from_environment and str(sites) == from_environment)
    return " ".join(filter(None, (f"--sites {shell_word(str(sites))}" if typed else "", f"--lang {lang}" if lang else "")))


def usage_words(message: str, option: str, value: str | None, lang: str = "en",
                choices: Sequence[str] = ()) -> str | None:
    """A bad option value said in our words ("--within takes a number, not '400km'"), instead of
    the parsing library's ("Input should be a valid number, unable to parse string as a number");
    None when the message is not one of those (then the library's stands). `choices`: the option's
    choices as declared (zh-TW), which some Typer releases write in lower case in their message."""
    shown = quoted(value) if value is not None else say("usage.that", lang)  # cut: never 3,000 characters back
    # pydantic's words (Typer 0.29+) and Click's (below 0.29): either may be what parsed the value
    if "valid integer" in message or "not a valid int" in message:
        return say("usage.whole_number", lang, option=option, value=shown)
    if "valid number" in message or "not a valid float" in message:
        return say("usage.number", lang, option=option, value=shown)
    if "is not one of" in message:
        listed = message.split("is not one of", 1)[1].strip().rstrip(".")
        plain = ", ".join(choices) if choices else ", ".join(
            choice.strip().strip("'\"") for choice in listed.split(","))
        meant = closest_choice(value, choices or [choice.strip().strip("'\"") for choice in listed.split(",")])
        return say("usage.one_of", lang, option=option, choices=plain, value=shown,
                   meant=say("error.did_you_mean", lang, names=meant) if meant else "")
    return None


# Other names people give a --lang value (a locale's zh_CN is taken apart as zh-CN by closest_choice):
# the script's tags (zh-Hans, zh-Hant), the language's name in either language.
LANG_ALIASES = {"zh-hans": "zh-CN", "zh-sg": "zh-CN", "cn": "zh", "chinese": "zh", "中文": "zh", "汉语": "zh",
                "漢語": "zh", "简体": "zh-CN", "简体中文": "zh-CN", "zh-hant": "zh-TW", "zh-mo": "zh-HK", "繁体": "zh-TW",
                "繁體": "zh-TW", "繁體中文": "zh-TW", "tw": "zh-TW", "hk": "zh-HK", "english": "en", "英文": "en",
                "英语": "en", "英語": "en"}
# How alike a mistyped choice and a choice must be to be offered (difflib's ratio): "jsn" 0.86,
# "cvs" 0.67, "hospitl" 0.93, "wrld" 0.89; "spreadsheet" and "table" 0.25 are offered nothing.
CLOSE_CHOICE_RATIO = 0.6


def closest_choice(value: str | None, choices: Sequence[str]) -> str:
    """The choice a mistyped option value most likely is ("jsn": json; zh_CN: zh-CN; chinese: zh), or ""."""
    if not value or not choices:
        return ""
    from difflib import get_close_matches

    folded = {choice.casefold(): choice for choice in choices}
    typed = value.strip().casefold().replace("_", "-")
    if typed in folded:
        return folded[typed]
    alias = LANG_ALIASES.get(typed, "")
    if alias.casefold() in folded:
        return folded[alias.casefold()]
    close = get_close_matches(typed, list(folded), n=1, cutoff=CLOSE_CHOICE_RATIO)
    return folded[close[0]] if close else ""


# How alike an unknown option and a real one must be, without their dashes (difflib's ratio), to
# be offered: "limt"/"limit" 0.89, "cty"/"city" 0.86, "stric"/"strict" 0.91; Click's own cutoff (0.6
# on the dashed names) offered "--bom" for "--bogus" (0.5 bare) and "--country" for "--cty" (0.6).
CLOSE_OPTION_RATIO = 0.75


# Options other commands take for what this one takes as its argument: `info --trial NCT…` (the
# trial is info's and update's argument, as --trial is list's and near's option).
OPTIONS_FOR_ARGUMENTS = {"--trial": "NCT_ID", "--nct": "NCT_ID", "--nct-id": "NCT_ID", "--study": "NCT_ID"}


def unknown_option_words(option: str, offered: Sequence[str], command_name: str, lang: str = "en",
                         arguments: Sequence[str] = (), value: str | None = None) -> str:
    """An option the command does not have: the options spelt closely like it (of those the parser
    `offered`), or none, and where the options are listed; an option that names what the command
    takes as its argument (`arguments`, by name) says so, with the command to type."""
    from difflib import SequenceMatcher

    argument = OPTIONS_FOR_ARGUMENTS.get(option.split("=", 1)[0].casefold())
    if argument in arguments:
        typed = command(*command_name.split(), clipped(value)) if value and not value.startswith("-") \
            else f"sitefinder{command_name} {argument}"
        return say("usage.option_is_argument", lang, option=clipped(option), command=command_name, typed=typed)
    bare = option.lstrip("-").casefold()
    close = [name for name in offered
             if SequenceMatcher(None, bare, name.lstrip("-").casefold()).ratio() >= CLOSE_OPTION_RATIO]
    meant = say("error.did_you_mean", lang, names=say("error.or", lang).join(close)) if close else ""
    return say("usage.no_option", lang, option=clipped(option), command=command_name, meant=meant)


# A command said in Chinese, as a patient may type it (`sitefinder 附近 广州`).
CHINESE_COMMANDS = {"附近": "near", "最近": "near", "查找": "near", "列表": "list", "列出": "list", "显示": "show",
                    "查看": "show", "信息": "info", "地图": "map", "更新": "update", "导入": "import"}


def command_meant(word: str, commands: Sequence[str], rest: Sequence[str] = ()) -> tuple[str | None, Sequence[str]]:
    """The command a mistyped first word is (NEAR, 附近), or starts with, run together with its
    argument (near广州, nearGuangzhou: the rest then comes first); None when it is none of them."""
    if word.casefold() in commands or word in CHINESE_COMMANDS:
        return word.casefold() if word.casefold() in commands else CHINESE_COMMANDS[word], rest
    for name in sorted((*commands, *CHINESE_COMMANDS), key=len, reverse=True):
        after = word[len(name):len(name) + 1]  # "nearby" is no near + "by": Guangzhou, 广州, 22.5 are
        if after and word.casefold().startswith(name.casefold()) and (not after.isascii() or after.isupper()
                                                                      or after.isdigit()):
            return CHINESE_COMMANDS.get(name, name), (word[len(name):], *rest)
    return None, rest


def unknown_command_words(word: str, commands: list[str], rest: Sequence[str] = (), lang: str = "en") -> str:
    """`sitefinder 广州`, `sitefinder NEAR 广州`, `sitefinder 附近 广州`, `sitefinder help`: the
    command the person probably meant, with the rest of what they typed: a command in capitals or
    in Chinese is that command, a site's id (807, 编号7) is shown; anything else is a place to look near."""
    if word.lower() in ("help", "-help", "?", "帮助", "幫助"):
        return say("usage.help_command", lang, word=quoted(word))
    if word.lower() in ("version", "-version", "版本"):
        return say("usage.no_command", lang, word=quoted(word), command="sitefinder --version",
                   commands=", ".join(commands))
    meant, rest = command_meant(word, commands, rest)
    if meant in commands:
        line = command(meant, *rest)
    else:  # a site's id (7, 编号7) or a number to call (+8613800138000) is shown; anything else is a place
        written = site_id_written(word)
        line = command("show", written, *rest) if written.isascii() and written.isdigit() or written_as_number(written) \
            else command("near", word, *rest)
    # what was typed is echoed cut short (text.ECHO_LIMIT), the command to run too
    return say("usage.no_command", lang, word=quoted(word), command=clipped(line, 2 * ECHO_LIMIT),
               commands=", ".join(commands))