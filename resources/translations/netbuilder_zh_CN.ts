<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>Start a new network</source>
        <translation>新建一个网络</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a project file</source>
        <translation>打开项目文件</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save under a new name</source>
        <translation>以新名称保存</translation>
    </message>
    <message>
        <source>&amp;Export PyTorch Code and Weights…</source>
        <translation>导出 PyTorch 代码和权重(&amp;E)…</translation>
    </message>
    <message>
        <source>Write the network as a .py file and its state_dict as a .pt file</source>
        <translation>把网络写成 .py 文件，把它的 state_dict 写成 .pt 文件</translation>
    </message>
    <message>
        <source>&amp;Import PyTorch Model…</source>
        <translation>导入 PyTorch 模型(&amp;I)…</translation>
    </message>
    <message>
        <source>Bring in a PyTorch model (torchvision.models:resnet18, model.py:Net) as a network to see, change and train</source>
        <translation>导入一个 PyTorch 模型（torchvision.models:resnet18、model.py:Net），作为可以查看、修改和训练的网络</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>剪切(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>复制一份(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Delete the selected layers and connections</source>
        <translation>删除选中的层和连接</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Group Selection…</source>
        <translation>把选中的层编组(&amp;G)…</translation>
    </message>
    <message>
        <source>Make the selected layers one named block (a submodule in the code)</source>
        <translation>把选中的层组成一个有名字的块（代码中的一个子模块）</translation>
    </message>
    <message>
        <source>&amp;Collapse Groups</source>
        <translation>折叠所有组(&amp;C)</translation>
    </message>
    <message>
        <source>Show each group as one block</source>
        <translation>把每个组显示为一个块</translation>
    </message>
    <message>
        <source>&amp;Expand Groups</source>
        <translation>展开所有组(&amp;E)</translation>
    </message>
    <message>
        <source>Show every layer of every group</source>
        <translation>显示每个组中的每一层</translation>
    </message>
    <message>
        <source>Collapse Its &amp;Group</source>
        <translation>折叠所在的组(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Tidy Layout</source>
        <translation>整理布局(&amp;T)</translation>
    </message>
    <message>
        <source>Arrange the layers in the order data flows, in columns that fill the window</source>
        <translation>按数据流动的顺序排列各层，分列铺满窗口</translation>
    </message>
    <message>
        <source>&amp;Find Layer…</source>
        <translation>查找层(&amp;F)…</translation>
    </message>
    <message>
        <source>Search the palette</source>
        <translation>在层列表中搜索</translation>
    </message>
    <message>
        <source>&amp;Network</source>
        <translation>网络(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Autograd</source>
        <translation>自动求导(&amp;A)</translation>
    </message>
    <message>
        <source>Feature &amp;Maps</source>
        <translation>特征图(&amp;M)</translation>
    </message>
    <message>
        <source>Next View</source>
        <translation>下一个视图</translation>
    </message>
    <message>
        <source>Previous View</source>
        <translation>上一个视图</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>Show the whole network</source>
        <translation>显示整个网络</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <source>Show &amp;Grid</source>
        <translation>显示网格(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Larger Text</source>
        <translation>增大文字(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Smaller Text</source>
        <translation>减小文字(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Normal Text Size</source>
        <translation>正常文字大小(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Presentation Mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Large text and a large canvas for a classroom projector</source>
        <translation>大号文字和大画布，适合教室投影</translation>
    </message>
    <message>
        <source>F&amp;ull Screen</source>
        <translation>全屏(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;About NetBuilder</source>
        <translation>关于 NetBuilder(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>E&amp;xamples</source>
        <translation>示例(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Go To &amp;View</source>
        <translation>切换视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>Tidy</source>
        <translation>整理</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <source>Clear Recent Files</source>
        <translation>清除最近文件</translation>
    </message>
    <message>
        <source>Pan: middle mouse button, or Space + drag</source>
        <translation>平移：按住鼠标中键，或按住空格键拖动</translation>
    </message>
    <message>
        <source>Zoom around the cursor: mouse wheel</source>
        <translation>以光标为中心缩放：鼠标滚轮</translation>
    </message>
    <message>
        <source>Connect: drag from a layer&apos;s bottom port to another&apos;s top port</source>
        <translation>连接：从一个层底部的端口拖到另一个层顶部的端口</translation>
    </message>
</context>
<context>
    <name>BuildJob</name>
    <message>
        <source>The network has problems: %1</source>
        <translation>网络有问题：%1</translation>
    </message>
    <message>
        <source>Could not build the graph: %1</source>
        <translation>无法构建图：%1</translation>
    </message>
</context>
<context>
    <name>CanvasScene</name>
    <message>
        <source>Move %1 nodes</source>
        <translation>移动 %1 个节点</translation>
    </message>
    <message>
        <source>Tidy layout</source>
        <translation>整理布局</translation>
    </message>
    <message>
        <source>The layout is already tidy</source>
        <translation>布局已经很整齐了</translation>
    </message>
    <message>
        <source>%1 — edits are paused until it ends</source>
        <translation>%1 —— 结束之前暂停编辑</translation>
    </message>
</context>
<context>
    <name>CanvasView</name>
    <message>
        <source>Part of the network is outside the window: Tidy (Ctrl+L) lays it out to fit, Fit (Ctrl+0) shows it all</source>
        <translation>网络有一部分在窗口之外：“整理”（Ctrl+L）会重新排布，“适应”（Ctrl+0）会显示全部</translation>
    </message>
    <message>
        <source>Add layer here</source>
        <translation>在此添加层</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrixView</name>
    <message>
        <source>Rows: the true class. Columns: what the network predicted.</source>
        <translation>行：真实类别。列：网络预测的类别。</translation>
    </message>
    <message>
        <source>true %1, predicted %2: %3 (%4 of %1)</source>
        <translation>真实 %1，预测 %2：%3 个（占 %1 的 %4）</translation>
    </message>
</context>
<context>
    <name>ConnectionDrag</name>
    <message>
        <source>Not connected: %1</source>
        <translation>未连接：%1</translation>
    </message>
</context>
<context>
    <name>DagPanel</name>
    <message>
        <source>Colour: layer</source>
        <translation>颜色：层</translation>
    </message>
    <message>
        <source>Colour: gradient norm</source>
        <translation>颜色：梯度范数</translation>
    </message>
    <message>
        <source>Autograd DAG</source>
        <translation>自动求导图</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Run one forward + loss + backward and show the graph autograd recorded</source>
        <translation>运行一次前向 + 损失 + 反向传播，显示 autograd 记录的图</translation>
    </message>
    <message>
        <source>The loss at the root of the graph</source>
        <translation>图的根节点处的损失函数</translation>
    </message>
    <message>
        <source>Colour nodes by the layer that made them, or by the norm of the gradient flowing through them</source>
        <translation>按产生节点的层着色，或按流经节点的梯度范数着色</translation>
    </message>
    <message>
        <source>Search: name, layer or parameter (Enter: next)</source>
        <translation>搜索：名称、层或参数（回车：下一个）</translation>
    </message>
    <message>
        <source>The autograd graph appears when the network is valid.</source>
        <translation>网络有效后会显示自动求导图。</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <source>Step back in the backward pass</source>
        <translation>在反向传播中后退一步</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <source>Step mode: run the backward pass one node at a time, in the order the engine runs it</source>
        <translation>单步模式：按引擎的执行顺序，一次运行反向传播的一个节点</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Leave the step mode</source>
        <translation>退出单步模式</translation>
    </message>
    <message>
        <source>Zoom out (or turn the mouse wheel)</source>
        <translation>缩小（或转动鼠标滚轮）</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <source>Show the whole graph</source>
        <translation>显示整张图</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Lay the graph out left to right (pressed) or top to bottom; by default whichever suits the panel&apos;s shape</source>
        <translation>从左到右（按下）或从上到下排布图；默认选择适合面板形状的方向</translation>
    </message>
    <message>
        <source>a PNG image</source>
        <translation>PNG 图片</translation>
    </message>
    <message>
        <source>an SVG drawing</source>
        <translation>SVG 矢量图</translation>
    </message>
    <message>
        <source>Export the graph as %1</source>
        <translation>把图导出为 %1</translation>
    </message>
    <message>
        <source>a batch of the training data</source>
        <translation>一批训练数据</translation>
    </message>
    <message>
        <source>Building the autograd graph…</source>
        <translation>正在构建自动求导图…</translation>
    </message>
    <message>
        <source>a random batch (choose a built-in dataset, or train, to see real data)</source>
        <translation>一批随机数据（选择一个内置数据集或先训练，就能看到真实数据）</translation>
    </message>
    <message>
        <source>trained weights</source>
        <translation>训练好的权重</translation>
    </message>
    <message>
        <source>fresh weights</source>
        <translation>初始权重</translation>
    </message>
    <message>
        <source>%1 · %2 · on %3 · built in %4 s%5</source>
        <translation>%1 · %2 · 数据：%3 · 用时 %4 秒%5</translation>
    </message>
    <message>
        <source>The network has problems now; this is the graph of the last valid network.</source>
        <translation>网络现在有问题；这是最近一次有效网络的图。</translation>
    </message>
    <message>
        <source>%1 nodes match “%2”</source>
        <translation>%1 个节点匹配“%2”</translation>
    </message>
    <message>
        <source> — Enter goes to the next</source>
        <translation> —— 按回车跳到下一个</translation>
    </message>
    <message>
        <source>Autograd DAG — %1</source>
        <translation>自动求导图 — %1</translation>
    </message>
    <message>
        <source>Nothing to export yet: build the graph first (Refresh).</source>
        <translation>还没有可导出的内容：请先构建图（刷新）。</translation>
    </message>
    <message>
        <source>Export the autograd graph</source>
        <translation>导出自动求导图</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
</context>
<context>
    <name>Document</name>
    <message>
        <source>%1 — edits are paused until it ends</source>
        <translation>%1 —— 结束之前暂停编辑</translation>
    </message>
    <message>
        <source>Training settings</source>
        <translation>训练设置</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Weights (.pt)</source>
        <translation>权重（.pt）</translation>
    </message>
    <message>
        <source>the state_dict: model.load_state_dict(torch.load(...))</source>
        <translation>state_dict：model.load_state_dict(torch.load(...))</translation>
    </message>
    <message>
        <source>ONNX (.onnx)</source>
        <translation>ONNX（.onnx）</translation>
    </message>
    <message>
        <source>for onnxruntime and other ONNX tools, any batch size</source>
        <translation>供 onnxruntime 等 ONNX 工具使用，批大小不限</translation>
    </message>
    <message>
        <source>torch.export program (.pt2)</source>
        <translation>torch.export 程序（.pt2）</translation>
    </message>
    <message>
        <source>torch.export.load(...).module(), any batch size</source>
        <translation>torch.export.load(...).module()，批大小不限</translation>
    </message>
    <message>
        <source>Training script (train_….py)</source>
        <translation>训练脚本（train_….py）</translation>
    </message>
    <message>
        <source>trains the class with these settings: python or torchrun (DDP)</source>
        <translation>用这些设置训练这个类：python 或 torchrun（DDP）</translation>
    </message>
    <message>
        <source>Export PyTorch code and weights</source>
        <translation>导出 PyTorch 代码和权重</translation>
    </message>
    <message>
        <source>The name of the nn.Module class in the exported file</source>
        <translation>导出文件中 nn.Module 类的名称</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose where the code goes; the other files go beside it</source>
        <translation>选择代码保存的位置；其他文件保存在它旁边</translation>
    </message>
    <message>
        <source>Class name</source>
        <translation>类名</translation>
    </message>
    <message>
        <source>Code file (.py)</source>
        <translation>代码文件 (.py)</translation>
    </message>
    <message>
        <source>The code holds the class and a documented &lt;code&gt;transform&lt;/code&gt; with the preprocessing the training used (%1). %2</source>
        <translation>代码中包含网络类，以及一个带说明的 &lt;code&gt;transform&lt;/code&gt;，即训练时所用的预处理（%1）。%2</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Python source (*.py)</source>
        <translation>Python 源代码 (*.py)</translation>
    </message>
    <message>
        <source>give the class a name</source>
        <translation>请给类起个名字</translation>
    </message>
    <message>
        <source>choose where to write the code</source>
        <translation>请选择代码写到哪里</translation>
    </message>
    <message>
        <source>Writes %1</source>
        <translation>将写入 %1</translation>
    </message>
</context>
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
        <source>Running the network on the sample…</source>
        <translation>正在用这个样本运行网络…</translation>
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
    <message>
        <source>Could not show the maps: %1</source>
        <translation>无法显示特征图：%1</translation>
    </message>
</context>
<context>
    <name>FileController</name>
    <message>
        <source>NetBuilder projects (*.json);;All files (*)</source>
        <translation>NetBuilder 项目 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>Save the changes to %1 before closing it?</source>
        <translation>关闭前要保存对 %1 的修改吗？</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <source>Not opened: %1</source>
        <translation>未打开：%1</translation>
    </message>
    <message>
        <source>Opened example %1</source>
        <translation>已打开示例 %1</translation>
    </message>
    <message>
        <source>Opened project %1</source>
        <translation>已打开项目 %1</translation>
    </message>
    <message>
        <source>Save project as</source>
        <translation>项目另存为</translation>
    </message>
    <message>
        <source>Cannot save project</source>
        <translation>无法保存项目</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>PyTorch is still loading; try Export again in a moment</source>
        <translation>PyTorch 仍在加载；请稍后再导出</translation>
    </message>
    <message>
        <source>Cannot export yet</source>
        <translation>暂时无法导出</translation>
    </message>
    <message>
        <source>Fix these problems first:</source>
        <translation>请先解决这些问题：</translation>
    </message>
    <message>
        <source>Weights: the trained ones, from the last run.</source>
        <translation>权重：上一次训练得到的权重。</translation>
    </message>
    <message>
        <source>Weights: a fresh initialisation (seed 0) — train first to export trained ones.</source>
        <translation>权重：新初始化的权重（种子 0）——先训练，才能导出训练好的权重。</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>Exported %1 (class %2, with its transform)</source>
        <translation>已导出 %1（类 %2，附带其 transform）</translation>
    </message>
    <message>
        <source> and %1</source>
        <translation>以及 %1</translation>
    </message>
</context>
<context>
    <name>GradLegend</name>
    <message>
        <source>Gradient norm of each node&apos;s output (leaves: p.grad.norm()), on a log scale; grey: no gradient</source>
        <translation>每个节点输出的梯度范数（叶子节点：p.grad.norm()），对数刻度；灰色：没有梯度</translation>
    </message>
</context>
<context>
    <name>GroupItem</name>
    <message>
        <source>%1 layers and operations, collapsed</source>
        <translation>%1 个层和运算，已折叠</translation>
    </message>
    <message>
        <source>%1 nodes · double-click to expand</source>
        <translation>%1 个节点 · 双击展开</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import PyTorch Model</source>
        <translation>导入 PyTorch 模型</translation>
    </message>
    <message>
        <source>torchvision.models:resnet18  or  path/to/model.py:Net</source>
        <translation>torchvision.models:resnet18  或  path/to/model.py:Net</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Model (called with no arguments):</source>
        <translation>模型（不带参数调用）：</translation>
    </message>
    <message>
        <source>e.g. 3,224,224 (empty: from the first layer)</source>
        <translation>例如 3,224,224（留空：从第一层推断）</translation>
    </message>
    <message>
        <source>Input shape, one sample:</source>
        <translation>输入形状（单个样本）：</translation>
    </message>
    <message>
        <source>optional state_dict (.pt)</source>
        <translation>可选的 state_dict（.pt）</translation>
    </message>
    <message>
        <source>Weights:</source>
        <translation>权重：</translation>
    </message>
    <message>
        <source>Python file with the model</source>
        <translation>包含模型的 Python 文件</translation>
    </message>
    <message>
        <source>Python (*.py)</source>
        <translation>Python (*.py)</translation>
    </message>
    <message>
        <source>state_dict</source>
        <translation>state_dict</translation>
    </message>
    <message>
        <source>PyTorch state_dict (*.pt *.pth)</source>
        <translation>PyTorch state_dict (*.pt *.pth)</translation>
    </message>
    <message>
        <source>Cannot tell the input shape from the model: give one, e.g. 3,224,224</source>
        <translation>无法从模型推断输入形状：请给出一个，例如 3,224,224</translation>
    </message>
</context>
<context>
    <name>Importer</name>
    <message>
        <source>An import is already running</source>
        <translation>已有一个导入正在进行</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>Cannot import the model</source>
        <translation>无法导入模型</translation>
    </message>
    <message>
        <source>Not imported: %1</source>
        <translation>未导入：%1</translation>
    </message>
    <message>
        <source>Imported %1: %2 nodes in %3 groups (collapsed; double-click a block to expand it)</source>
        <translation>已导入 %1：%2 个节点，分成 %3 个组（已折叠；双击一个块即可展开）</translation>
    </message>
</context>
<context>
    <name>InspectorPanel</name>
    <message>
        <source>Select a layer on the canvas to see and edit it here.</source>
        <translation>在画布上选中一个层，即可在这里查看和编辑它。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>The node&apos;s id: the attribute name in the generated code (self.conv1). Press Enter to rename.</source>
        <translation>节点的 id：即生成代码中的属性名（self.conv1）。按回车重命名。</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Shapes</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>%1 layers selected: %2</source>
        <translation>已选中 %1 个层：%2</translation>
    </message>
    <message>
        <source>Select a layer on the canvas to see and edit it here. Drag layers from the palette; drag from a layer&apos;s bottom port to another&apos;s top port to connect them.</source>
        <translation>在画布上选中一个层，即可在这里查看和编辑它。从层列表中拖出层；从一个层底部的端口拖到另一个层顶部的端口即可连接。</translation>
    </message>
    <message>
        <source>back to the default (%1)</source>
        <translation>恢复默认值（%1）</translation>
    </message>
    <message>
        <source> (required)</source>
        <translation>（必填）</translation>
    </message>
    <message>
        <source> — default %1</source>
        <translation> —— 默认 %1</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>修复：%1</translation>
    </message>
    <message>
        <source>there is already a node named %1</source>
        <translation>已经有一个名为 %1 的节点</translation>
    </message>
    <message>
        <source>Not renamed: %1</source>
        <translation>未重命名：%1</translation>
    </message>
</context>
<context>
    <name>Int2Editor</name>
    <message>
        <source>%1: height</source>
        <translation>%1：高</translation>
    </message>
    <message>
        <source>%1: width</source>
        <translation>%1：宽</translation>
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
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Open a lesson file of your own (docs/lessons.md says how to write one)</source>
        <translation>打开你自己写的课程文件（写法见 docs/lessons.md）</translation>
    </message>
    <message>
        <source>Open the lesson&apos;s network</source>
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
        <source>Open a lesson</source>
        <translation>打开课程</translation>
    </message>
    <message>
        <source>Lessons (*.json);;All files (*)</source>
        <translation>课程 (*.json);;所有文件 (*)</translation>
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
        <source>This step&apos;s network does not open: %1</source>
        <translation>这一步的网络打不开：%1</translation>
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
<context>
    <name>MainWindow</name>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>&lt;opened&gt;</source>
        <translation>&lt;已打开&gt;</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Autograd</source>
        <translation>自动求导</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>特征图</translation>
    </message>
    <message>
        <source>Train the network and watch it learn (the whole window)</source>
        <translation>训练网络并观察它的学习过程（占满整个窗口）</translation>
    </message>
    <message>
        <source>The graph PyTorch records for one forward pass and loss</source>
        <translation>PyTorch 为一次前向传播和损失记录的图</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Loading PyTorch…</source>
        <translation>正在加载 PyTorch…</translation>
    </message>
    <message>
        <source>✓ valid network</source>
        <translation>✓ 网络有效</translation>
    </message>
    <message>
        <source>⚠ 1 problem</source>
        <translation>⚠ 1 个问题</translation>
    </message>
    <message>
        <source>⚠ %1 problems</source>
        <translation>⚠ %1 个问题</translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation>问题（%1）</translation>
    </message>
    <message>
        <source>%1: the network cannot be edited until it ends</source>
        <translation>%1：结束之前无法编辑网络</translation>
    </message>
    <message>
        <source>The network can be edited again</source>
        <translation>网络又可以编辑了</translation>
    </message>
    <message>
        <source>Select the layers to group first</source>
        <translation>请先选中要编组的层</translation>
    </message>
    <message>
        <source>Group Selection</source>
        <translation>编组</translation>
    </message>
    <message>
        <source>Group name (e.g. block1):</source>
        <translation>组名（例如 block1）：</translation>
    </message>
    <message>
        <source>Not grouped: %1</source>
        <translation>未编组：%1</translation>
    </message>
    <message>
        <source>Grouped %1 nodes as %2</source>
        <translation>已把 %1 个节点编为 %2</translation>
    </message>
    <message>
        <source>The selection is not in a group</source>
        <translation>选中的层不在任何组中</translation>
    </message>
    <message>
        <source>Copied 1 layer</source>
        <translation>已复制 1 个层</translation>
    </message>
    <message>
        <source>Copied %1 layers</source>
        <translation>已复制 %1 个层</translation>
    </message>
    <message>
        <source>The clipboard holds no NetBuilder layers</source>
        <translation>剪贴板中没有 NetBuilder 的层</translation>
    </message>
    <message>
        <source>Nothing on the clipboard can be pasted here</source>
        <translation>剪贴板中没有可以粘贴到这里的内容</translation>
    </message>
    <message>
        <source>Text size %1%</source>
        <translation>文字大小 %1%</translation>
    </message>
    <message>
        <source>About NetBuilder</source>
        <translation>关于 NetBuilder</translation>
    </message>
    <message>
        <source>&lt;h3&gt;NetBuilder&lt;/h3&gt;&lt;p&gt;Design, train and understand PyTorch networks visually. Every node is a real &lt;code&gt;torch.nn&lt;/code&gt; layer; every shape comes from PyTorch itself.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;NetBuilder&lt;/h3&gt;&lt;p&gt;以可视化的方式设计、训练并理解 PyTorch 网络。每个节点都是真正的 &lt;code&gt;torch.nn&lt;/code&gt; 层；每个形状都由 PyTorch 本身算出。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
</context>
<context>
    <name>NodeItem</name>
    <message>
        <source>Output %1 (%2): drag to another layer&apos;s input</source>
        <translation>输出 %1（%2）：拖到另一个层的输入</translation>
    </message>
    <message>
        <source>Input %1 (%2): drag to another layer&apos;s output to connect</source>
        <translation>输入 %1（%2）：拖到另一个层的输出即可连接</translation>
    </message>
    <message>
        <source>⚠ problem</source>
        <translation>⚠ 有问题</translation>
    </message>
    <message>
        <source>in: %1</source>
        <translation>输入：%1</translation>
    </message>
    <message>
        <source>out: %1</source>
        <translation>输出：%1</translation>
    </message>
    <message>
        <source>%1 parameters</source>
        <translation>%1 个参数</translation>
    </message>
</context>
<context>
    <name>OptionalEditor</name>
    <message>
        <source>give %1 a value (unchecked: None)</source>
        <translation>给 %1 一个值（不勾选：None）</translation>
    </message>
</context>
<context>
    <name>Palette</name>
    <message>
        <source>required</source>
        <translation>必填</translation>
    </message>
</context>
<context>
    <name>PalettePanel</name>
    <message>
        <source>Search layers…</source>
        <translation>搜索层…</translation>
    </message>
</context>
<context>
    <name>PortItem</name>
    <message>
        <source>Output: drag to another layer&apos;s input to connect</source>
        <translation>输出：拖到另一个层的输入即可连接</translation>
    </message>
    <message>
        <source>Input %1: drag to another layer&apos;s output to connect</source>
        <translation>输入 %1：拖到另一个层的输出即可连接</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>修复</translation>
    </message>
    <message>
        <source>Checking shapes as soon as PyTorch has loaded…</source>
        <translation>PyTorch 加载完成后立即检查形状…</translation>
    </message>
    <message>
        <source>✓ No problems: every shape fits.</source>
        <translation>✓ 没有问题：所有形状都对得上。</translation>
    </message>
    <message>
        <source>1 problem — click it to show its layer</source>
        <translation>1 个问题 —— 点击它即可显示对应的层</translation>
    </message>
    <message>
        <source>%1 problems — click one to show its layer</source>
        <translation>%1 个问题 —— 点击一个即可显示对应的层</translation>
    </message>
    <message>
        <source>; Fix applies the suggested change</source>
        <translation>；“修复”会应用建议的修改</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>修复：%1</translation>
    </message>
    <message>
        <source>Set %1 = %2 (undoable)</source>
        <translation>设置 %1 = %2（可撤销）</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>Could not autosave for recovery: %1</source>
        <translation>无法自动保存以备恢复：%1</translation>
    </message>
    <message>
        <source>%1 (never saved)</source>
        <translation>%1（从未保存）</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation>恢复未保存的工作</translation>
    </message>
    <message>
        <source>NetBuilder closed without saving %1. Its changes were autosaved at %2. Restore them?</source>
        <translation>NetBuilder 关闭时没有保存 %1。它的修改已在 %2 自动保存。要恢复吗？</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <source>Restored the autosaved changes — save to keep them</source>
        <translation>已恢复自动保存的修改 —— 请保存以保留它们</translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <source>Train the network to see how it does on the validation set.</source>
        <translation>训练网络，看看它在验证集上的表现。</translation>
    </message>
    <message>
        <source>Validation samples (predicted / true):</source>
        <translation>验证集样本（预测 / 真实）：</translation>
    </message>
    <message>
        <source>Validation accuracy %1 on %2 samples.</source>
        <translation>在 %2 个样本上的验证准确率为 %1。</translation>
    </message>
    <message>
        <source> Most confused: %1.</source>
        <translation> 最容易混淆的：%1。</translation>
    </message>
    <message>
        <source>, validation loss %1</source>
        <translation>，验证损失 %1</translation>
    </message>
    <message>
        <source>Training loss %1%2.</source>
        <translation>训练损失 %1%2。</translation>
    </message>
</context>
<context>
    <name>SampleGrid</name>
    <message>
        <source>predicted %1, true %2</source>
        <translation>预测 %1，真实 %2</translation>
    </message>
</context>
<context>
    <name>SummaryModel</name>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>输出形状</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>参数</translation>
    </message>
</context>
<context>
    <name>SummaryPanel</name>
    <message>
        <source>Parameters are counted once PyTorch has loaded…</source>
        <translation>PyTorch 加载完成后会统计参数…</translation>
    </message>
    <message>
        <source> · FLOPs per sample %1</source>
        <translation> · 每个样本的 FLOPs %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Total params: %1&lt;/b&gt; · trainable %2 · non-trainable %3 · weights ≈ %4 MB</source>
        <translation>&lt;b&gt;参数总数：%1&lt;/b&gt; · 可训练 %2 · 不可训练 %3 · 权重约 %4 MB</translation>
    </message>
</context>
<context>
    <name>TextEditor</name>
    <message>
        <source>write 1 to 4 positive whole numbers, e.g. 1, 32, 32</source>
        <translation>填写 1 到 4 个正整数，例如 1, 32, 32</translation>
    </message>
</context>
<context>
    <name>TrainingForm</name>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Target column</source>
        <translation>目标列</translation>
    </message>
    <message>
        <source>Download if missing</source>
        <translation>缺少时下载</translation>
    </message>
    <message>
        <source>Resize to the Input</source>
        <translation>缩放到 Input 的尺寸</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>LR scheduler</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>Step every (epochs)</source>
        <translation>每隔几轮调整</translation>
    </message>
    <message>
        <source>Multiply LR by</source>
        <translation>学习率乘以</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Early stop after</source>
        <translation>提前停止于</translation>
    </message>
    <message>
        <source>TensorBoard + checkpoints</source>
        <translation>TensorBoard + 检查点</translation>
    </message>
    <message>
        <source>Run folder</source>
        <translation>运行记录文件夹</translation>
    </message>
    <message>
        <source>None</source>
        <translation>不使用</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source> epochs without a better validation loss</source>
        <translation> 轮验证损失没有改善</translation>
    </message>
    <message>
        <source>Write TensorBoard events (one folder per run) and keep the last and best checkpoints, so a run can be continued</source>
        <translation>写入 TensorBoard 事件（每次运行一个文件夹），并保留最近和最好的检查点，以便继续训练</translation>
    </message>
    <message>
        <source>runs (beside the project file)</source>
        <translation>runs（在项目文件旁边）</translation>
    </message>
    <message>
        <source>Choose the file or folder</source>
        <translation>选择文件或文件夹</translation>
    </message>
    <message>
        <source>a CSV file</source>
        <translation>一个 CSV 文件</translation>
    </message>
    <message>
        <source>a folder</source>
        <translation>一个文件夹</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1。%2</translation>
    </message>
    <message>
        <source> Validation uses the set&apos;s own test images.</source>
        <translation> 验证使用该数据集自带的测试图片。</translation>
    </message>
    <message>
        <source>Training: %1 %2</source>
        <translation>训练：%1 %2</translation>
    </message>
    <message>
        <source>%1: %2 is not a number</source>
        <translation>%1：%2 不是数字</translation>
    </message>
    <message>
        <source>Choose a CSV file</source>
        <translation>选择一个 CSV 文件</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose the data folder</source>
        <translation>选择数据文件夹</translation>
    </message>
    <message>
        <source>Choose the run folder</source>
        <translation>选择运行记录文件夹</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>Training is running</source>
        <translation>正在训练</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Train the network with these settings</source>
        <translation>用这些设置训练网络</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Go on from the last checkpoint in the run folder (TensorBoard + checkpoints must be on)</source>
        <translation>从运行记录文件夹中最近的检查点继续（需要开启 TensorBoard + 检查点）</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop after the current batch; the weights are kept</source>
        <translation>在当前这一批结束后停止；保留权重</translation>
    </message>
    <message>
        <source>Save weights…</source>
        <translation>保存权重…</translation>
    </message>
    <message>
        <source>Save the trained weights as a state_dict (.pt)</source>
        <translation>把训练好的权重保存为 state_dict (.pt)</translation>
    </message>
    <message>
        <source>Export code…</source>
        <translation>导出代码…</translation>
    </message>
    <message>
        <source>Save the network as PyTorch code (.py)</source>
        <translation>把网络保存为 PyTorch 代码 (.py)</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Plots</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>PyTorch is still loading — press Start again in a moment.</source>
        <translation>PyTorch 仍在加载 —— 请稍后再点击“开始”。</translation>
    </message>
    <message>
        <source>Fix the training settings first: %1</source>
        <translation>请先修正训练设置：%1</translation>
    </message>
    <message>
        <source>Turn on TensorBoard + checkpoints to continue from a checkpoint.</source>
        <translation>开启 TensorBoard + 检查点后才能从检查点继续。</translation>
    </message>
    <message>
        <source> (and %1 more)</source>
        <translation>（还有 %1 个）</translation>
    </message>
    <message>
        <source>The network has problems, so it cannot train yet: %1</source>
        <translation>网络有问题，暂时无法训练：%1</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Resumed.</source>
        <translation>已继续。</translation>
    </message>
    <message>
        <source>Paused — press Resume to go on, or Stop.</source>
        <translation>已暂停 —— 点击“继续”接着训练，或点击“停止”。</translation>
    </message>
    <message>
        <source>Stopping after this batch…</source>
        <translation>这一批结束后停止…</translation>
    </message>
    <message>
        <source>Epoch %1/%2 · step %3/%4 · %5 samples/s%6</source>
        <translation>第 %1/%2 轮 · 第 %3/%4 步 · 每秒 %5 个样本%6</translation>
    </message>
    <message>
        <source>TensorBoard events in %1; checkpoints in %2.</source>
        <translation>TensorBoard 事件在 %1；检查点在 %2。</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Train the network first: there are no trained weights yet.</source>
        <translation>请先训练网络：还没有训练好的权重。</translation>
    </message>
    <message>
        <source>Save the weights</source>
        <translation>保存权重</translation>
    </message>
    <message>
        <source>PyTorch state_dict (*.pt *.pth)</source>
        <translation>PyTorch state_dict (*.pt *.pth)</translation>
    </message>
    <message>
        <source>Cannot save the weights: %1</source>
        <translation>无法保存权重：%1</translation>
    </message>
    <message>
        <source>Saved the weights to %1. Load them with %2.</source>
        <translation>权重已保存到 %1。用 %2 加载。</translation>
    </message>
    <message>
        <source>Export the network as code</source>
        <translation>把网络导出为代码</translation>
    </message>
    <message>
        <source>Python (*.py)</source>
        <translation>Python (*.py)</translation>
    </message>
    <message>
        <source>The network has problems: %1</source>
        <translation>网络有问题：%1</translation>
    </message>
    <message>
        <source>Cannot export the code: %1</source>
        <translation>无法导出代码：%1</translation>
    </message>
    <message>
        <source> (the graph changed since training: the saved weights fit the old one)</source>
        <translation>（训练之后网络已改动：保存的权重对应的是旧网络）</translation>
    </message>
    <message>
        <source>Exported the code to %1%2.</source>
        <translation>代码已导出到 %1%2。</translation>
    </message>
</context>
<context>
    <name>TrainingPlots</name>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Loss per step</source>
        <translation>每步的损失</translation>
    </message>
    <message>
        <source>Loss per epoch</source>
        <translation>每轮的损失</translation>
    </message>
    <message>
        <source>Validation accuracy (%)</source>
        <translation>验证准确率（%）</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <source>Show the losses on a logarithmic scale</source>
        <translation>用对数刻度显示损失</translation>
    </message>
    <message>
        <source>Save image…</source>
        <translation>保存图片…</translation>
    </message>
    <message>
        <source>Save CSV…</source>
        <translation>保存 CSV…</translation>
    </message>
    <message>
        <source>Save the plots</source>
        <translation>保存曲线图</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Save the curves</source>
        <translation>保存曲线数据</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <source>Training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
</context>
</TS>
