import { useState } from 'react'
import { View, Input } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'

interface Props {
  placeholder: string
  /** The words searched for ('' : not searching). */
  value: string
  onSearch: (q: string) => void
}

/** Search words for a list: searched on 搜索 or the keyboard's search key, cleared by 清除. */
export default function SearchBox({ placeholder, value, onSearch }: Props) {
  const [text, setText] = useState(value)
  const submit = () => onSearch(text.trim().slice(0, 30))
  return (
    <View className="search-box">
      <Input
        className="input search-box__input"
        value={text}
        maxlength={30}
        placeholder={placeholder}
        confirmType="search"
        aria-label={placeholder}
        onInput={(e) => setText(e.detail.value)}
        onConfirm={submit}
      />
      <Button type="primary" onClick={submit}>
        搜索
      </Button>
      {value && (
        <Button
          fill="outline"
          onClick={() => {
            setText('')
            onSearch('')
          }}
        >
          清除
        </Button>
      )}
    </View>
  )
}
