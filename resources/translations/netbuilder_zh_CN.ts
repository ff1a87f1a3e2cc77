<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FeatureMapsPanel</name>
    <message>
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Which sample of the validation set to show</source>
        <translation>显示验证集中的第几个样本</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Run the network on this sample and show what each convolution makes of it</source>
        <translation>用网络处理这个样本，显示每个卷积层得到的结果</translation>
    </message>
    <message>
        <source>Press Show to see what each convolution makes of a sample; after training, the trained weights are shown.</source>
        <translation>点击“显示”查看每个卷积层对一个样本的处理结果；训练之后显示训练好的权重。</translation>
    </message>
    <message>
        <source>trained weights</source>
        <translation>训练后的权重</translation>
    </message>
    <message>
        <source>fresh weights (train to see what it learns)</source>
        <translation>初始权重（训练后可以看到它学到了什么）</translation>
    </message>
    <message>
        <source>%1 (%2): %3 maps of %4×%5</source>
        <translation>%1（%2）：%3 张 %4×%5 的特征图</translation>
    </message>
    <message>
        <source>map %1</source>
        <translation>特征图 %1</translation>
    </message>
    <message>
        <source>filter %1 (its first input channel)</source>
        <translation>卷积核 %1（第一个输入通道）</translation>
    </message>
    <message>
        <source>True class: %1</source>
        <translation>真实类别：%1</translation>
    </message>
    <message>
        <source>Prediction: %1 · true class: %2</source>
        <translation>预测：%1 · 真实类别：%2</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Follow the &amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
</context>
<context>
    <name>LessonsPanel</name>
    <message>
        <source>Choose a lesson</source>
        <translation>选择一节课</translation>
    </message>
    <message>
        <source>Open the lesson's network</source>
        <translation>打开本课的网络</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Run the code (Ctrl+Enter)</source>
        <translation>运行代码（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Show me</source>
        <translation>给我看答案</translation>
    </message>
    <message>
        <source>Put a working answer in the code box</source>
        <translation>在代码框中填入一个可行的答案</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Check this step: Next unlocks when it passes</source>
        <translation>检查这一步：通过后才能进入下一步</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <source>No lessons found.</source>
        <translation>没有找到课程。</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <source>The example %1 is missing.</source>
        <translation>缺少示例 %1。</translation>
    </message>
    <message>
        <source>Lesson complete!</source>
        <translation>本课完成！</translation>
    </message>
    <message>
        <source>Hint: %1</source>
        <translation>提示：%1</translation>
    </message>
</context>
</TS>