#include "app/qr.h"

#include <qrcodegen.h>

namespace tasjil::app {

QrMatrix EncodeQr(std::string_view text) {
    QrMatrix out;
    std::vector<std::uint8_t> data(text.begin(), text.end());
    std::vector<std::uint8_t> temp(qrcodegen_BUFFER_LEN_MAX), code(qrcodegen_BUFFER_LEN_MAX);
    if (data.size() > qrcodegen_BUFFER_LEN_MAX) return out;
    std::copy(data.begin(), data.end(), temp.begin());
    if (!qrcodegen_encodeBinary(temp.data(), data.size(), code.data(), qrcodegen_Ecc_MEDIUM,
                                qrcodegen_VERSION_MIN, qrcodegen_VERSION_MAX, qrcodegen_Mask_AUTO,
                                true)) {
        return out;
    }
    out.size = qrcodegen_getSize(code.data());
    out.modules.resize(static_cast<std::size_t>(out.size * out.size));
    for (int y = 0; y < out.size; ++y) {
        for (int x = 0; x < out.size; ++x)
            out.modules[static_cast<std::size_t>(y * out.size + x)] =
                qrcodegen_getModule(code.data(), x, y);
    }
    return out;
}

std::string QrSvg(const QrMatrix& qr) {
    const int quiet = 4;
    const int side = qr.size + 2 * quiet;
    std::string path;
    for (int y = 0; y < qr.size; ++y) {
        for (int x = 0; x < qr.size; ++x) {
            if (!qr.modules[static_cast<std::size_t>(y * qr.size + x)]) continue;
            path += "M" + std::to_string(x + quiet) + "," + std::to_string(y + quiet) + "h1v1h-1z";
        }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(side) + " " +
           std::to_string(side) + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" " +
           "height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
}

}  // namespace tasjil::app
