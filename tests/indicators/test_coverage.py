"""Number forms, units, ranges, lists, qualifiers and span conventions (annotations.md)."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text,span,value,unit", [
    ("行业市场规模达12,876.61亿元。", "12,876.61亿元", 1.287661e12, "元"),
    ("网络视听用户规模已达 10.99 亿。", "10.99 亿", 1.099e9, None),
    ("市场规模达11. 72亿元。", "11. 72亿元", 1.172e9, "元"),
    ("用户数量达到一千二百万人。", "一千二百万人", 1.2e7, "人"),
    ("平台签约两万三千名主播。", "两万三千名", 23_000, "名"),
    ("该项目投资3千万元。", "3千万元", 3e7, "元"),
    ("直播电商GMV达5万亿元。", "5万亿元", 5e12, "元"),
    ("全年营收52百万美元。", "52百万美元", 5.2e7, "美元"),
    ("注册资本为300万元人民币。", "300万元人民币", 3e6, "元"),
    ("公司股价报收67.2港元。", "67.2港元", 67.2, "港元"),
    ("合同金额为8亿港币。", "8亿港币", 8e8, "港元"),
    ("门票收入约30万欧元。", "30万欧元", 3e5, "欧元"),
    ("每位日活跃用户日均使用时长为126.8分钟。", "126.8分钟", 126.8, "分钟"),
    ("开播间隔不得少于12个月。", "12个月", 12, "月"),
    ("互联网普及率达80.1%。", "80.1%", 80.1, "%"),
    ("该平台上线微短剧186集。", "186集", 186, "集"),
    ("增长率同比提高1.1个百分点。", "1.1个百分点", 1.1, "个百分点"),
    ("票房是去年的3倍。", "3倍", 3, "倍"),
    ("大会展览面积2万平米。", "2万平米", 2e4, "平米"),
    ("电视剧、网络剧原则上不超过40集。", "40集", 40, "集"),
])
def test_values_and_units(one, text, span, value, unit):
    ind = one(text)
    assert ind.text == span
    assert ind.value == pytest.approx(value)
    assert ind.unit == unit


@pytest.mark.parametrize("text,span,value", [
    ("直播电商GMV占网络零售额近三分之一。", "近三分之一", 100 / 3),
    ("浦东企业营收约占上海全市1/4。", "1/4", 25),
    ("该渠道收入占比百分之五点三。", "百分之五点三", 5.3),
    ("超过七成用户每天观看短视频。", "七成", 70),
    ("门票标注折扣4.3折。", "4.3折", 43),
    ("一半用户选择付费。", "一半", 50),
])
def test_shares_written_as_words(one, text, span, value):
    ind = one(text)
    assert (ind.text, ind.unit) == (span, "%")
    assert ind.value == pytest.approx(value, rel=1e-3)


@pytest.mark.parametrize("text,span,value,unit", [
    ("行业市场规模达１２８７６．６１亿元。", "１２８７６．６１亿元", 1.287661e12, "元"),
    ("互联网普及率达８０.１％。", "８０.１％", 80.1, "%"),
    ("用户规模达\u00a010.99\u3000亿。", "10.99\u3000亿", 1.099e9, None),
])
def test_full_width_without_cleaning(extractor, text, span, value, unit):
    """Text that skipped the cleaner: offsets still point at the original characters."""
    from pipeline.indicators.simpledoc import minimal_document
    doc = minimal_document("t", text)
    (ind,) = extractor.extract(doc)
    assert (ind.text, ind.unit) == (span, unit) and doc.text[ind.start:ind.end] == span
    assert ind.value == pytest.approx(value)


def test_signed_rate_keeps_a_positive_value_and_the_sign_sets_the_kind(one):
    # annotations.md "Value": decreases keep a positive value, the kind carries the direction
    ind = one("该指标同比变动-5.2%。")
    assert ind.value == pytest.approx(5.2) and ind.text == "5.2%" and ind.kind == "change"
    ind = one("广告收入同比+18%。")
    assert ind.value == pytest.approx(18) and ind.kind == "growth" and ind.subject == "广告收入"


def test_signed_amount_keeps_its_sign(one):
    ind = one("该公司本季度净利润为-3.5亿元。")
    assert ind.value == pytest.approx(-3.5e8) and ind.text == "-3.5亿元"


def test_shared_magnitude_list(extract):
    rows = extract("三年营收分别为9.48/11.52/13.34亿元。")
    assert [r.value for r in rows] == pytest.approx([9.48e8, 11.52e8, 13.34e8])
    assert {r.unit for r in rows} == {"元"}
    assert [r.text for r in rows] == ["9.48", "11.52", "13.34亿元"]


@pytest.mark.parametrize("text,span,low,high,unit", [
    ("制作成本下降70%—80%。", "70%—80%", 70, 80, "%"),
    ("单部投资5-10亿元。", "5-10亿元", 5e8, 1e9, "元"),
    ("收入增长3至5倍。", "3至5倍", 3, 5, "倍"),
    ("年薪七八十万元。", "七八十万元", 7e5, 8e5, "元"),
    ("刷新率范围从48Hz到144Hz。", "48Hz到144Hz", 48, 144, "Hz"),
])
def test_ranges(one, text, span, low, high, unit):
    ind = one(text)
    assert (ind.text, ind.unit) == (span, unit)
    assert (ind.value, ind.value_high) == (pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize("text,span,qualifier", [
    ("直播电商GMV突破5万亿元。", "5万亿元", "gt"),
    ("播放量超40亿次。", "40亿次", "gt"),
    ("用户逾3亿人。", "3亿人", "gt"),
    ("千余名院团演员入驻。", "千余名", "gt"),
    ("共40多个国家参与。", "40多个", "gt"),
    ("清理相关信息 4200 余条。", "4200 余条", "gt"),
    ("企业净利润不低于5.6亿元。", "5.6亿元", "ge"),
    ("每集时长不超过5分钟。", "5分钟", "le"),
    ("单个项目最高可获得100万元资金支持。", "100万元", "le"),
    ("总营收1300亿元左右。", "1300亿元", "approx"),
    ("播放量近10亿。", "10亿", "approx"),
    ("微短剧累计约 15 万部。", "15 万部", "approx"),
    ("增长14倍以上。", "14倍", "gt"),
    ("原则上不允许连续播出2部以上剧集。", "2部", "ge"),
    ("收视率首次跌破 30%。", "30%", "lt"),
    ("用户规模突破6亿级。", "6亿级", "gt"),
])
def test_qualifiers_and_spans(one, text, span, qualifier):
    ind = one(text)
    assert (ind.text, ind.qualifier) == (span, qualifier)


@pytest.mark.parametrize("text,kind", [
    ("我国网民规模达11.25亿人。", "level"),
    ("市场规模同比增长5.3%。", "growth"),
    ("有线电视收视率同比下降12.5%。", "change"),
    ("车联网渗透率提升至77%。", "share"),
    ("流媒体服务占美国电视总使用量的38.7%。", "share"),
    ("持股比例为50%。", "share"),
    ("票房是去年同期的3倍。", "multiple"),
    ("AI生成内容较去年增长14倍。", "growth"),
    ("电视剧、网络剧原则上不超过40集。", "limit"),
    ("符合标准的项目最高可获得100万元资金支持。", "limit"),
    ("毛利率同比提高1.1个百分点。", "growth"),
    ("新增20万名作者。", "level"),
])
def test_kinds(one, text, kind):
    assert one(text).kind == kind


@pytest.mark.parametrize("text,forecast", [
    ("2025年，团播市场规模预计突破150亿元。", True),
    ("该公司未来将斥资不低于3亿元造楼。", True),
    ("五年内拟投入超过100亿元。", True),
    ("平台用户有望达到5亿人。", True),
    ("到2030年，产业规模达到1万亿元。", True),
    ("市场规模达350.8亿元。", False),
    ("用户将近3亿人。", False),
])
def test_forecast(one, text, forecast):
    assert one(text).forecast is forecast


@pytest.mark.parametrize("text", [
    "2025年，网络视听行业快速发展。",
    "第57次报告发布，第二条规定了相关事项。",
    "一、生态重构（二）形态丰富",
    "《中国网络视听发展研究报告（2026）》正式发布。",
    "5G、4K、H100芯片和iPhone 15都已上市。",
    "咨询电话：010-85202353。",
    "晚上8:20开播，18点结束。",
    "快手科技（01024.HK）股价(3.09, -0.04, -1.28%)。",
    "全文共959字，阅读大约需要2分钟。",
    "12月，平台上线新功能。",
    "详见https://jd.zol.com.cn/826/8262141.html页面。",
    "他是一个偶然的机会加入了一家公司。",
    "2019-2020赛季的比赛在7月25日至10月31日举行。",
    "分辨率为1366*768。",
    "NBA费城76人队获胜。",
    "有效阻断了盗版及不良信息的二次传播。",
])
def test_not_indicators(extract, text):
    assert [r.text for r in extract(text)] == []


def test_title_and_body_each_count(extract):
    rows = extract("播放量超40亿次\n截至7月24日，全网阅读播放量超40亿次。")
    assert [r.text for r in rows] == ["40亿次", "40亿次"]
    assert rows[0].para_no == 0 and rows[1].para_no == 1


def test_offsets_point_into_clean_text(extract, extractor):
    from pipeline.indicators.simpledoc import build_document
    doc = build_document("t", "导读\n\n我国网民规模达11.25亿人，互联网普及率达80.1%。")
    for r in extractor.extract(doc):
        assert doc.text[r.start:r.end] == r.text
        assert r.text in r.sentence
        assert 0 < r.confidence <= 1
