"""Shared fixtures: a tiny synthetic labeled set written from the spec's theme definitions."""
from __future__ import annotations

import pytest

SYNTHETIC = [
    ("微短剧《归途》在抖音上线，竖屏短剧单集两分钟，播放量持续走高。", ["forms"]),
    ("主播在直播间带货，电商直播成为新的销售渠道。", ["forms"]),
    ("网络综艺和纪录片在长视频平台热播，短视频二创带动讨论。", ["forms"]),
    ("音视频播客用户增长，互动视频让观众选择剧情走向。", ["forms"]),
    ("生成式人工智能和AIGC工具用于视频生成，大模型降低制作成本。", ["tech"]),
    ("算法推荐与智能剪辑提升分发效率，多模态交互带来新体验。", ["tech"]),
    ("虚拟制作和HDR超高清技术用于影视拍摄，5G网络支撑传输。", ["tech"]),
    ("数字人主持人由人工智能驱动，语音识别实时生成字幕。", ["tech"]),
    ("车载视听进入智能座舱，车机大屏可以播放视频和音乐。", ["multi_screen"]),
    ("智能电视和互联网电视用户增加，IPTV与机顶盒覆盖更多家庭。", ["multi_screen"]),
    ("手机投屏到电视大屏，多屏协同实现跨设备观看。", ["multi_screen"]),
    ("投影仪和智慧屏销量上涨，客厅大屏重新成为家庭娱乐中心。", ["multi_screen"]),
    ("广电总局发布管理办法，要求微短剧备案并加强内容审核。", ["forms", "governance"]),
    ("法院审理一起侵犯著作权案件，盗版影视作品被判赔偿。", ["governance"]),
    ("网信办开展清朗专项行动，整治网络谣言并处罚违规账号。", ["governance"]),
    ("平台落实主体责任，保护个人信息与数据安全，规范算法透明。", ["governance"]),
    ("今天天气晴朗，市民到公园散步，菜市场蔬菜价格平稳。", []),
    ("银行发布半年报，营业收入和净利润同比增长。", []),
]


@pytest.fixture(scope="session")
def synthetic():
    texts = [t for t, _ in SYNTHETIC]
    labels = [ls for _, ls in SYNTHETIC]
    return texts, labels
